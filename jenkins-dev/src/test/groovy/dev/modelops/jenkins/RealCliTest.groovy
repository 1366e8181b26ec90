package dev.modelops.jenkins

import dev.modelops.core.lineage.Entity
import dev.modelops.core.lineage.EntityKind
import dev.modelops.core.lineage.LineageStore
import dev.modelops.core.util.Hashing
import dev.modelops.lineage.LineageStores
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

import java.nio.file.Files
import java.nio.file.Path

import static org.assertj.core.api.Assertions.assertThat
import static org.junit.jupiter.api.Assumptions.assumeTrue

/**
 * The library against the real modelops CLI: {@code sh} runs bash in a temporary workspace
 * holding the arrests example, with the packaged CLI ({@code modelops-cli/target}) as
 * {@code MODELOPS_CLI}. Checks that the command lines are ones the CLI accepts, that what the
 * library reads back (run id, run.json, the model file) is what the CLI writes, and that the
 * build's facts reach lineage while the store's credentials reach nothing on disk.
 */
class RealCliTest extends PipelineTestSupport {
    static final File JAR = new File(REPO, 'modelops-cli/target/modelops-cli.jar')

    @TempDir
    Path ws

    @BeforeEach
    void realWorkspace() {
        assumeTrue(JAR.isFile() && new File(REPO, 'modelops-cli/target/lib').isDirectory(),
                'the packaged CLI is missing; build it with ./mvnw -pl jenkins-dev -am verify')
        Path arrests = Files.createDirectories(ws.resolve('examples/arrests/data/batches'))
        Files.copy(new File(REPO, 'examples/arrests/modelops.yaml').toPath(), ws.resolve('examples/arrests/modelops.yaml'))
        Files.copy(new File(REPO, 'examples/arrests/data/arrests.csv').toPath(), arrests.resolve('../arrests.csv'))
        for (String year : ['2000', '2001', '2002']) {
            Files.copy(new File(REPO, "examples/arrests/data/batches/${year}.csv").toPath(), arrests.resolve("${year}.csv"))
        }
        env.NODE_NAME = 'agent-1'
        env.WORKSPACE = ws.toString()
        env.MODELOPS_SPEC = 'examples/arrests/modelops.yaml'
        env.MODELOPS_CLI = "java -jar ${JAR.path}".toString()
        helper.registerAllowedMethod('readFile', [String]) { String path -> ws.resolve(path).text }
        helper.registerAllowedMethod('fileExists', [String]) { String path -> Files.exists(ws.resolve(path)) }
    }

    /** Runs the script with bash in the workspace, with the build's environment, as the sh step does. */
    @Override
    Object sh(Map m) {
        Map call = [script: m.script as String, env: new LinkedHashMap(env), returnStatus: m.returnStatus == true,
                    returnStdout: m.returnStdout == true]
        shCalls << call
        File script = Files.createTempFile(ws, 'script', '.sh').toFile()
        script.text = m.script as String
        ProcessBuilder pb = new ProcessBuilder('bash', script.path).directory(ws.toFile())
        env.each { k, v -> if (v != null) pb.environment()[k as String] = v as String }
        pb.redirectErrorStream(!call.returnStdout)
        Process p = pb.start()
        String out = p.inputStream.text
        int code = p.waitFor()
        script.delete()
        if (call.returnStatus) {
            return code
        }
        if (code != 0) {
            throw new PipelineError("script returned exit code ${code}")
        }
        return call.returnStdout ? out : null
    }

    @Test
    void trainAndEvaluateThroughTheRealCli() {
        Map trained = runPipeline("trainModel model: 'arrests-release', credentialsId: 'lineage-db'") as Map
        Map evaluated = runPipeline("evaluateModel model: 'arrests-release', credentialsId: 'lineage-db'") as Map

        assertThat(trained.exitCode).isEqualTo(0)
        assertThat(trained.status).isEqualTo('SUCCEEDED')
        assertThat(trained.outputs['model.version']).isEqualTo('1')
        assertThat(evaluated.status).isEqualTo('SUCCEEDED')
        assertThat(build.description.readLines()).containsExactly('trained arrests-release@v1', 'evaluated arrests-release@v1')

        // what the library publishes exists where it points
        String runDir = ".modelops/runs/${trained.runId}"
        assertThat(ws.resolve(runDir).resolve('run.json')).exists()
        assertThat(ws.resolve(runDir).resolve('trainModel')).isDirectory()
        String sha = trained.outputs['model.sha256']
        Path model = ws.resolve(".modelops/artifacts/sha256/${sha.take(2)}/${sha}")
        assertThat(args('archiveArtifacts')).contains([artifacts: ".modelops/artifacts/sha256/${sha.take(2)}/${sha}".toString(),
                                                       fingerprint: true])
        assertThat(Hashing.sha256(model)).isEqualTo(sha)
        assertThat(ws.resolve(".modelops/jenkins").toFile().list().findAll { it.startsWith('trainModel-7-') }).hasSize(1)

        // the build's facts and the user reached lineage
        LineageStore lineage = LineageStores.openSqlite(ws.resolve('.modelops/lineage.db'))
        try {
            Entity run = lineage.latest(EntityKind.PIPELINE_RUN, "run/${trained.runId}".toString()).orElseThrow()
            assertThat(run.attributes().ci as Map).containsEntry('buildUrl', 'https://jenkins.example/job/arrests/7/')
                    .containsEntry('job', 'arrests').containsEntry('buildNumber', '7')
                    .containsEntry('gitCommit', '0123456789abcdef0123456789abcdef01234567').containsEntry('user', 'alice')
            Entity version = lineage.get(trained.outputs['model.id'] as String).orElseThrow()
            assertThat(version.contentHash()).isEqualTo(sha)
        } finally {
            lineage.close()
        }
        // the store's credentials were in the CLI's environment, and are in no file it wrote
        assertThat(shCalls.find { it.script.contains('step trainModel') }.env.MODELOPS_STORE_PASSWORD).isEqualTo(STORE_PASSWORD)
        Files.walk(ws).filter { Files.isRegularFile(it) }.each { Path f ->
            String text = new String(Files.readAllBytes(f), 'ISO-8859-1')
            assertThat(text).as(f.toString()).doesNotContain(STORE_PASSWORD).doesNotContain(STORE_USER)
        }
    }

    @Test
    @Tag("slow")
    void aWholePipelineRunsAsStagesThroughTheRealCli() {
        Map results = runPipeline("modelopsPipeline pipeline: 'train-evaluate'") as Map
        assertThat(args('stage')).containsExactly('validate', 'train', 'evaluate', 'gate', 'train-xgb', 'evaluate-xgb')
        assertThat(results.values()*.status).containsOnly('SUCCEEDED')
        assertThat(build.description.readLines()).containsExactly('validated the data of arrests-release',
                'trained arrests-release@v1', 'evaluated arrests-release@v1', 'gate passed: arrests-release@v1',
                'trained arrests-release-xgb@v1', 'evaluated arrests-release-xgb@v1')
        // the gates' JUnit XML is where the library tells junit to look
        String gateRun = results.gate.runId
        assertThat(args('junit')*.testResults).contains(".modelops/runs/${gateRun}/**/*.xml".toString())
        assertThat(ws.resolve(".modelops/runs/${gateRun}/qualityGate/gate-junit.xml")).exists()
        assertThat(ws.resolve(".modelops/runs/${results.validate.runId}/validateData/gate-junit.xml")).exists()
        // with the lineage report of each step
        assertThat(args('publishHTML')).hasSize(6)
        assertThat(ws.resolve("modelops-reports/lineage-${gateRun}/index.html")).exists()
    }

    @Test
    void aDriftCheckOfTheLaterYearsStartsTheRetrainingJob() {
        runPipeline("trainModel model: 'arrests-release', report: false")
        Map same = runPipeline("checkDrift model: 'arrests-release', data: 'data/batches/2002.csv', trainJob: 'arrests-retrain'") as Map
        assertThat(same.drifted).isFalse()
        assertThat(calls('build')).isEmpty()
        assertThat(ws.resolve("${same.reportDir}/drift-report.xml")).exists()

        Map years = runPipeline("checkDrift model: 'arrests-release', data: 'data/batches', trainJob: 'arrests-retrain'") as Map
        assertThat(years.exitCode).isEqualTo(3)
        assertThat(years.drifted).isTrue()
        assertThat(years.pipeline).isEqualTo('continuous')
        assertThat(args('build')).hasSize(1)
        assertThat((args('build')[0] as Map).parameters*.value).containsExactly('continuous', 'staging')
        assertThat(build.result).isEqualTo('UNSTABLE')
        assertThat(args('junit')*.testResults).contains("${years.reportDir}/**/*.xml".toString())
        assertThat(ws.resolve("${years.reportDir}/2000/drift-report.xml")).exists()
        assertThat(build.description.readLines()).contains('drift check of arrests-release: no drift',
                'drift check of arrests-release@v1: DRIFT')
    }

    @Test
    @Tag('slow')
    void onlyNewRetrainsOnceAndTheNextNightFindsNothingNew() {
        runPipeline("trainModel model: 'arrests-release', report: false")
        String job = "checkDrift model: 'arrests-release', data: 'data/batches', onlyNew: true, trainJob: 'arrests-retrain'"
        Map first = runPipeline(job) as Map
        assertThat(first.exitCode).isEqualTo(3)
        assertThat(first.checked).containsExactly('2000.csv', '2001.csv', '2002.csv')
        assertThat(args('build')).hasSize(1)

        build.result = null
        Map second = runPipeline(job) as Map
        assertThat(second.exitCode).isEqualTo(0)
        assertThat(second.nothingNew).isTrue()
        assertThat(second.alreadyChecked).containsExactly('2000.csv', '2001.csv', '2002.csv')
        assertThat(args('build')).hasSize(1)
        assertThat(build.result).isNull()
        assertThat(ws.resolve("${second.reportDir}/2000")).doesNotExist()
        assertThat(build.description.readLines()).containsExactly('trained arrests-release@v1',
                'drift check of arrests-release@v1: DRIFT', 'drift check of arrests-release: nothing new')

        // a new batch arrives: only it is checked
        Files.copy(ws.resolve('examples/arrests/data/batches/2002.csv'), ws.resolve('examples/arrests/data/batches/2003.csv'))
        Files.write(ws.resolve('examples/arrests/data/batches/2003.csv'), ['"Yes","White",2002,30,"Male","Yes","Yes",1'],
                java.nio.file.StandardOpenOption.APPEND)
        Map third = runPipeline(job) as Map
        assertThat(third.checked).containsExactly('2003.csv')
        assertThat(third.alreadyChecked).containsExactly('2000.csv', '2001.csv', '2002.csv')
    }

    @Test
    @Tag('slow')
    void aMonitorOfADeploymentChecksItsLiveBatchesOnce() {
        runPipeline("trainModel model: 'arrests-release', report: false")
        runPipeline("modelopsStep type: 'monitorDrift', model: 'arrests-release', env: 'staging', report: false")
        String monitor = '.modelops/monitors/arrests-release/staging/drift-monitor.json'
        assertThat(ws.resolve(monitor)).exists()
        Path batches = ws.resolve('.modelops/monitors/arrests-release/staging/batches')
        Files.copy(ws.resolve('examples/arrests/data/batches/2000.csv'), batches.resolve('live-0001.csv'))
        // no spec named: the CLI takes the monitor's
        env.remove('MODELOPS_SPEC')
        String job = "checkDrift monitor: '${monitor}', trainJob: 'arrests-retrain'"
        Map first = runPipeline(job) as Map
        assertThat(FakeCli.command(shCalls.find { it.script.contains('drift check') }.script as String))
                .endsWith("drift check --monitor ${monitor} --out ${first.reportDir}".toString())
        assertThat(first.exitCode).isEqualTo(3)
        assertThat(first.checked).containsExactly('live-0001.csv')
        assertThat(args('build')).hasSize(1)
        assertThat(build.description.readLines()).contains('drift check of arrests-release@v1: DRIFT')

        build.result = null
        Map second = runPipeline(job) as Map
        assertThat(second.nothingNew).isTrue()
        assertThat(args('build')).hasSize(1)
        assertThat(build.result).isNull()
    }

    @Test
    void theCliRejectsAnUnknownModelAndTheBuildSaysWhy() {
        String message = failure("trainModel model: 'no-such-model'")
        assertThat(message).startsWith('trainModel: modelops rejected the input: modelops: --model no-such-model: unknown; known: ')
    }
}
