package dev.modelops.jenkins

import com.fasterxml.jackson.databind.JsonNode
import com.fasterxml.jackson.databind.ObjectMapper
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/**
 * The files for trying the library on a real Jenkins (Docker cannot run here): the configuration
 * as code parses and loads this library and the example jobs, the plugins are listed, every file a
 * Dockerfile copies is in the repository or is what packaging the CLI produces, and the
 * Kubernetes manifests parse, with the GPU on the container.
 */
class JenkinsDevFilesTest {
    static final File DEV = new File(PipelineTestSupport.REPO, 'jenkins-dev')
    static final YAMLMapper YAML = new YAMLMapper()

    static JsonNode yaml(String path) {
        return YAML.readTree(new File(DEV, path))
    }

    static List<JsonNode> documents(String path) {
        return new ObjectMapper(new YAMLFactory()).readerFor(JsonNode).readValues(new File(DEV, path)).readAll()
    }

    @Test
    void configurationAsCodeLoadsTheLibraryAndTheExampleJobs() {
        JsonNode casc = yaml('casc.yaml')
        JsonNode library = casc.at('/unclassified/globalLibraries/libraries/0')
        assertThat(library.get('name').asText()).isEqualTo('modelops')
        assertThat(library.at('/retriever/modernSCM/scm/git/remote').asText()).contains('/var/modelops-repo')
        assertThat(casc.at('/jenkins/labelString').asText()).isEqualTo('modelops')
        // every job shares one ModelOps home, so the drift job finds the model the release job trained
        assertThat(casc.at('/jenkins/globalNodeProperties/0/envVars/env/0/key').asText()).isEqualTo('MODELOPS_HOME')
        assertThat(casc.at('/jenkins/globalNodeProperties/0/envVars/env/0/value').asText()).contains('/var/jenkins_home/modelops')
        assertThat(casc.at('/credentials/system/domainCredentials/0/credentials/0/usernamePassword/id').asText())
                .isEqualTo('lineage-db')
        JsonNode template = casc.at('/jenkins/clouds/0/kubernetes/templates/0')
        assertThat(template.get('yamlMergeStrategy').asText()).isEqualTo('merge')
        assertThat(template.get('yaml').asText()).isEqualTo('${readFile:/var/jenkins_casc/gpu-agent-pod.yaml}')
        String jobs = casc.at('/jobs/0/script').asText()
        List<String> scripts = (jobs =~ /'([^']+)'\s*: '([^']+)'/).collect { it[2] as String }
        assertThat(scripts).containsExactly('Jenkinsfile', 'examples/arrests/Jenkinsfile.drift', 'examples/arrests/Jenkinsfile.retrain')
        scripts.each { assertThat(new File(PipelineTestSupport.REPO, it)).as(it).isFile() }
        // the drift job starts the retraining job by this name
        assertThat(jobs).contains("'arrests-retrain'")
        assertThat(new File(PipelineTestSupport.REPO, 'examples/arrests/Jenkinsfile.drift').text).contains("trainJob: 'arrests-retrain'")
    }

    @Test
    void thePluginsTheLibraryUsesAreListed() {
        List<String> plugins = new File(DEV, 'plugins.txt').readLines().collect { it.trim() }
                .findAll { it && !it.startsWith('#') }.collect { it.split(':')[0] }
        assertThat(plugins).contains('workflow-aggregator', 'pipeline-groovy-lib', 'pipeline-input-step', 'git',
                'configuration-as-code', 'job-dsl', 'junit', 'htmlpublisher', 'credentials-binding', 'kubernetes')
    }

    @Test
    void dockerfilesCopyOnlyWhatExistsOrWhatPackagingTheCliProduces() {
        def pom = new XmlSlurper().parse(new File(PipelineTestSupport.REPO, 'modelops-cli/pom.xml'))
        String finalName = pom.build.finalName.text()
        String libDir = pom.build.plugins.plugin.find { it.artifactId.text() == 'maven-dependency-plugin' }
                .executions.execution.configuration.outputDirectory.text().replace('${project.build.directory}', 'target')
        Set<String> built = ["modelops-cli/target/${finalName}.jar".toString(), "modelops-cli/${libDir}/".toString()] as Set
        for (String name : ['controller', 'agent', 'cli']) {
            File dockerfile = new File(DEV, "${name}.Dockerfile")
            List<String> sources = dockerfile.readLines().findAll { it.startsWith('COPY ') }
                    .collect { it.split(/\s+/)[1] }
            assertThat(sources).as(name).isNotEmpty()
            List<String> ignore = new File(DEV, "${name}.Dockerfile.dockerignore").readLines()
                    .findAll { it.startsWith('!') }.collect { it.substring(1) }
            for (String source : sources) {
                boolean exists = new File(PipelineTestSupport.REPO, source).exists()
                assertThat(exists || built.contains(source)).as("${name}: COPY ${source}").isTrue()
                assertThat(ignore).as("${name}.Dockerfile.dockerignore lets ${source} in").contains(source)
            }
            assertThat(sources).as(name).contains("modelops-cli/target/${finalName}.jar".toString(), 'jenkins-dev/modelops.sh')
        }
        assertThat(new File(DEV, 'modelops.sh').text).contains("-jar /opt/modelops/${finalName}.jar")
        assertThat(new File(DEV, 'controller.Dockerfile').text).contains('CASC_JENKINS_CONFIG=/var/jenkins_casc/casc.yaml',
                'jenkins-plugin-cli --plugin-file')
    }

    @Test
    void theGpuAgentPodRequestsTheGpuOnTheModelopsContainerAsTheLibraryDoes() {
        JsonNode pod = yaml('k8s/gpu-agent-pod.yaml')
        assertThat(pod.at('/spec').has('resources')).isFalse()
        JsonNode modelops = pod.at('/spec/containers').find { it.get('name').asText() == 'modelops' }
        assertThat(modelops.at('/resources/limits/nvidia.com~1gpu').asInt()).isEqualTo(1)
        assertThat(pod.at('/spec/containers').collect { it.get('name').asText() }).containsExactly('jnlp', 'modelops')

        // the library's own pod for gpu: 1 and this node selector has the same modelops container and placement
        Map library = GpuPod.spec([gpu: 1, nodeSelector: ['nvidia.com/gpu.present': 'true']], [:], 'gpu-agent')
        Map manifest = YAML.convertValue(pod, Map)
        assertThat(manifest.spec.containers.find { it.name == 'modelops' }).isEqualTo(library.spec.containers[0])
        assertThat(manifest.spec.tolerations).isEqualTo(library.spec.tolerations)
        assertThat(manifest.spec.nodeSelector).isEqualTo(library.spec.nodeSelector)
        assertThat(manifest.metadata).isEqualTo(library.metadata)
    }

    @Test
    void theClusterManifestHasWhatTheRunnerAndTheAgentsNeed() {
        Map<String, JsonNode> byKind = documents('k8s/modelops.yaml').collectEntries { [(it.get('kind').asText()): it] }
        assertThat(byKind.keySet()).contains('Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'PersistentVolumeClaim', 'Secret')
        List<String> verbsOnJobs = byKind.Role.get('rules').find { it.get('resources').any { r -> r.asText() == 'jobs' } }
                .get('verbs').collect { it.asText() }
        assertThat(verbsOnJobs).contains('create', 'get', 'list', 'delete')
        assertThat(byKind.Role.get('rules').collectMany { it.get('resources').collect { r -> r.asText() } }).contains('pods/log')
        assertThat(byKind.Secret.get('type').asText()).isEqualTo('kubernetes.io/basic-auth')
        assertThat(byKind.Secret.at('/stringData').fieldNames().toList()).containsExactlyInAnyOrder('username', 'password')
    }
}
