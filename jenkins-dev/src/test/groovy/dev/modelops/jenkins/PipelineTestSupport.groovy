package dev.modelops.jenkins

import com.lesfurets.jenkins.unit.BasePipelineTest
import com.lesfurets.jenkins.unit.MethodCall
import com.lesfurets.jenkins.unit.global.lib.SourceRetriever
import org.junit.jupiter.api.BeforeEach

import static com.lesfurets.jenkins.unit.global.lib.LibraryConfiguration.library

/**
 * Runs pipelines against the shared library at the repository root (vars/, src/) with
 * JenkinsPipelineUnit 1.1. Jenkins's steps are recorded and answered here: {@code sh} goes to a
 * {@link FakeCli} (or to real bash in the real-CLI tests), the workspace is a map of files, the
 * build's environment is a map that {@code withEnv}, {@code withCredentials}, {@code node} and
 * {@code podTemplate} change for the time of their body, and {@code error} throws as in Jenkins.
 * Declarative {@code pipeline {}} is interpreted by {@link Declarative}.
 */
abstract class PipelineTestSupport extends BasePipelineTest {
    public static final File REPO = new File('..').canonicalFile
    public static final File PIPELINES = new File('target/pipelines')
    /** The values the fake credentials store hands out. */
    public static final String STORE_USER = 'lineage-writer'
    public static final String STORE_PASSWORD = 'Pa55-w0rd-s3cret'

    /** The build's environment as {@code env.X} reads it. */
    Map<String, Object> env = new LinkedHashMap<>()
    /** The workspace as readFile/fileExists/writeFile see it. */
    Map<String, String> files = new LinkedHashMap<>()
    /** Every sh call: script, the environment at that moment, and the credentials bound then. */
    List<Map> shCalls = []
    FakeCli cli
    Expando build
    /** User causes of the build, as currentBuild.getBuildCauses returns them. */
    List<Map> causes = [[_class: 'hudson.model.Cause$UserIdCause', userId: 'alice', userName: 'Alice']]
    /** What the input step answers (the approver id), or an exception to throw (aborted). */
    Object inputAnswer = 'bob'
    List<String> stashes = []
    int podCount

    /** Turns {@code error} into the exception Jenkins throws (hudson.AbortException). */
    static class PipelineError extends RuntimeException {
        PipelineError(String message) {
            super(message)
        }
    }

    @BeforeEach
    void setUpPipeline() throws Exception {
        PIPELINES.mkdirs()
        scriptRoots = [PIPELINES.path, REPO.path] as String[]
        scriptExtension = ''
        super.setUp()
        cli = new FakeCli(this)
        build = new Expando(description: null, result: null, number: 7)
        build.getBuildCauses = { String cls -> causes.findAll { it._class == cls } }
        binding.setVariable('currentBuild', build)
        binding.setVariable('env', env)
        binding.setVariable('scm', [$class: 'GitSCM', userRemoteConfigs: [[url: 'https://git.example/ml.git']]])
        env.putAll([BUILD_URL  : 'https://jenkins.example/job/arrests/7/', JOB_NAME: 'arrests', BUILD_NUMBER: '7',
                    GIT_COMMIT : '0123456789abcdef0123456789abcdef01234567', GIT_BRANCH: 'origin/main',
                    WORKSPACE  : '/home/jenkins/workspace/arrests'])
        SourceRetriever repository = { String repo, String branch, String target -> [REPO.toURI().toURL()] } as SourceRetriever
        helper.registerSharedLibrary(library().name('modelops').retriever(repository).targetPath('target/libs')
                .defaultVersion('main').allowOverride(true).implicit(false).build())
        registerSteps()
    }

    void registerSteps() {
        helper.registerAllowedMethod('error', [String]) { String message -> throw new PipelineError(message) }
        helper.registerAllowedMethod('sh', [Map]) { Map m -> sh(m) }
        helper.registerAllowedMethod('sh', [String]) { String s -> sh([script: s]) }
        helper.registerAllowedMethod('readFile', [String]) { String path -> read(path) }
        helper.registerAllowedMethod('readFile', [Map]) { Map m -> read(m.file as String) }
        helper.registerAllowedMethod('fileExists', [String]) { String path -> files.containsKey(path) }
        helper.registerAllowedMethod('writeFile', [Map]) { Map m -> files[m.file as String] = m.text as String; null }
        helper.registerAllowedMethod('echo', [String]) { String s -> null }
        helper.registerAllowedMethod('junit', [Map]) { Map m -> null }
        helper.registerAllowedMethod('archiveArtifacts', [Map]) { Map m -> null }
        helper.registerAllowedMethod('publishHTML', [Map]) { Map m -> null }
        helper.registerAllowedMethod('checkout', [Object]) { Object scm -> null }
        helper.registerAllowedMethod('unstable', [String]) { String m -> build.result = 'UNSTABLE'; null }
        helper.registerAllowedMethod('build', [Map]) { Map m -> null }
        helper.registerAllowedMethod('string', [Map]) { Map m -> [$class: 'StringParameterValue'] + m }
        helper.registerAllowedMethod('merge', []) { -> 'merge()' }
        helper.registerAllowedMethod('usernamePassword', [Map]) { Map m -> [$class: 'UsernamePasswordMultiBinding'] + m }
        helper.registerAllowedMethod('stash', [Map]) { Map m -> stashes << (m.name as String); null }
        helper.registerAllowedMethod('unstash', [String]) { String name ->
            if (!stashes.contains(name)) {
                throw new PipelineError("No such saved stash '${name}'")
            }
            null
        }
        helper.registerAllowedMethod('node', [String, Closure]) { String label, Closure body ->
            within([NODE_NAME: "agent-${label}".toString()]) { body() }
        }
        helper.registerAllowedMethod('podTemplate', [Map, Closure]) { Map options, Closure body ->
            within([POD_LABEL: "modelops-pod-${++podCount}".toString()]) { body() }
        }
        helper.registerAllowedMethod('container', [String, Closure]) { String name, Closure body ->
            within([MODELOPS_IN_CONTAINER: name]) { body() }
        }
        helper.registerAllowedMethod('withEnv', [List, Closure]) { List pairs, Closure body ->
            Map values = [:]
            pairs.each { String p -> values[p.substring(0, p.indexOf('='))] = p.substring(p.indexOf('=') + 1) }
            within(values) { body() }
        }
        helper.registerAllowedMethod('withCredentials', [List, Closure]) { List bindings, Closure body ->
            Map values = [:]
            bindings.each { Map b ->
                assert b.credentialsId: 'a credentials binding names its credentials'
                values[b.usernameVariable] = STORE_USER
                values[b.passwordVariable] = STORE_PASSWORD
            }
            within(values) { body() }
        }
        helper.registerAllowedMethod('input', [Map]) { Map m ->
            if (inputAnswer instanceof Throwable) {
                throw (Throwable) inputAnswer
            }
            inputAnswer
        }
        helper.registerAllowedMethod('timeout', [Map, Closure]) { Map m, Closure body -> body() }
        Declarative.register(this)
    }

    /**
     * Runs the body with extra environment variables, as Jenkins's block steps do: afterwards those
     * variables are back as they were, while one the body set with {@code env.X = ...} stays for
     * the rest of the build, as in Jenkins.
     */
    Object within(Map values, Closure body) {
        Map saved = [:]
        List absent = []
        values.keySet().each { k -> env.containsKey(k) ? (saved[k] = env[k]) : absent.add(k) }
        env.putAll(values)
        try {
            return body()
        } finally {
            absent.each { env.remove(it) }
            env.putAll(saved)
        }
    }

    Object sh(Map m) {
        Map call = [script: m.script as String, env: new LinkedHashMap(env), returnStatus: m.returnStatus == true,
                    returnStdout: m.returnStdout == true]
        shCalls << call
        return cli.run(call)
    }

    String read(String path) {
        if (!files.containsKey(path)) {
            throw new PipelineError("${path} does not exist")
        }
        return files[path]
    }

    /** Runs a scripted pipeline using the library, as a Jenkinsfile would. */
    Object runPipeline(String text) {
        File file = new File(PIPELINES, "${getClass().simpleName}-${System.nanoTime()}.jenkinsfile")
        file.text = "@Library('modelops') _\n" + text
        try {
            return runScript(file.name)
        } finally {
            file.delete()
        }
    }

    /** Runs a pipeline that must fail, and returns the error's message. */
    String failure(String text) {
        try {
            runPipeline(text)
        } catch (PipelineError e) {
            return e.message
        }
        throw new org.opentest4j.AssertionFailedError('the pipeline did not fail')
    }

    List<MethodCall> calls(String name) {
        return helper.callStack.findAll { it.methodName == name }
    }

    /** The single argument of each call of a step. */
    List<Object> args(String name) {
        return calls(name).collect { it.args[0] }
    }

    /** The modelops commands run, without the logging wrapper. */
    List<String> commands() {
        return shCalls.collect { FakeCli.command(it.script as String) }.findAll { it.startsWith('modelops ') }
    }
}
