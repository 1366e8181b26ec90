package dev.modelops.jenkins

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

import static org.assertj.core.api.Assertions.assertThat

/** Every step checks its arguments before anything runs, and says which one is wrong. */
class ArgumentsTest extends PipelineTestSupport {
    static final List<String> STEPS = ['trainModel', 'evaluateModel', 'hardenModel', 'compressModel', 'deployModel',
                                       'promote', 'qualityGate', 'validateData', 'checkDrift', 'modelopsStep', 'modelopsPipeline']

    @BeforeEach
    void onAnAgent() {
        env.NODE_NAME = 'agent-1'
    }

    @Test
    void everyStepHasAHelpPage() {
        for (String step : STEPS) {
            File help = new File(REPO, "vars/${step}.txt")
            assertThat(help).as(step).exists()
            assertThat(help.text).as(step).contains("<b>${step}</b>")
            // the page documents every argument the step accepts
            StepCatalog.accepted(step).each { assertThat(help.text).as("${step}.txt documents ${it}").contains("<code>${it}</code>") }
        }
    }

    @Test
    void aMissingRequiredArgumentIsNamed() {
        Map expected = [trainModel   : "trainModel: 'model' is required",
                        evaluateModel: "evaluateModel: 'model' is required",
                        hardenModel  : "hardenModel: 'model' is required",
                        compressModel: "compressModel: 'model' is required",
                        deployModel  : "deployModel: 'model' is required",
                        promote      : "promote: 'model' is required",
                        qualityGate  : "qualityGate: 'model' is required",
                        checkDrift   : "checkDrift: 'model' is required (unless 'monitor' is given)",
                        modelopsStep : "modelopsStep: 'type' is required"]
        expected.each { step, message ->
            assertThat(failure("${step}()")).as(step).isEqualTo(message)
        }
        assertThat(failure("deployModel model: 'm'")).isEqualTo("deployModel: 'env' is required")
        assertThat(failure("promote model: 'm', from: 'staging'")).isEqualTo("promote: 'to' is required")
        assertThat(failure("checkDrift model: 'm'")).isEqualTo("checkDrift: 'data' is required (unless 'monitor' is given)")
        assertThat(failure("trainModel model: '  '")).isEqualTo("trainModel: 'model' is required")
        assertThat(shCalls).isEmpty()
        assertThat(calls('input')).isEmpty()
    }

    @Test
    void anUnknownArgumentIsRejectedWithTheValidNames() {
        assertThat(failure("trainModel modle: 'm'")).isEqualTo("trainModel: unknown parameter 'modle'; expected one of: "
                + 'cloud, cpu, credentialsId, dataset, gpu, harden, image, inheritFrom, memory, model, namespace, '
                + 'nodeSelector, platform, report, serviceAccount, spec, specEnv, store, tolerations, with')
        // deploy does not run in a GPU pod
        assertThat(failure("deployModel model: 'm', env: 'staging', gpu: 1")).startsWith("deployModel: unknown parameter 'gpu'")
        assertThat(shCalls).isEmpty()
    }

    @Test
    void badValuesAreRejected() {
        assertThat(failure("trainModel model: 'm', gpu: 'two'")).isEqualTo("trainModel: 'gpu' must be a whole number >= 0, got 'two'")
        assertThat(failure("trainModel model: 'm', gpu: -1")).isEqualTo("trainModel: 'gpu' must be a whole number >= 0, got '-1'")
        assertThat(failure("trainModel model: 'm', harden: 'yes'")).isEqualTo("trainModel: 'harden' must be true or false, got 'yes'")
        assertThat(failure("trainModel model: 'm', platform: 'slurm'")).isEqualTo("trainModel: 'platform' must be 'local' or 'kubernetes', got 'slurm'")
        assertThat(failure("trainModel model: 'm', nodeSelector: 'gpu=true'")).startsWith("trainModel: 'nodeSelector' must be a map")
        assertThat(failure("trainModel model: 'm', tolerations: ['gpu']")).startsWith("trainModel: 'tolerations' must be a list of maps")
        assertThat(failure("trainModel model: 42")).isEqualTo("trainModel: 'model' must be text, got Integer")
        assertThat(failure("trainModel model: 'm', with: 'x=1'")).isEqualTo("trainModel: 'with' must be a map of step parameters")
        assertThat(failure("promote model: 'm', from: 'a', to: 'b', timeoutMinutes: 0")).isEqualTo("promote: 'timeoutMinutes' must be a whole number > 0, got '0'")
        assertThat(failure("checkDrift model: 'm', data: 'd.csv', failOnDrift: 'no'")).isEqualTo("checkDrift: 'failOnDrift' must be true or false, got 'no'")
        assertThat(failure("checkDrift model: 'm', data: 'd.csv', onlyNew: 'yes'")).isEqualTo("checkDrift: 'onlyNew' must be true or false, got 'yes'")
        assertThat(failure("checkDrift monitor: 42")).isEqualTo("checkDrift: 'monitor' must be text, got Integer")
        assertThat(failure("checkDrift monitor: ' '")).isEqualTo("checkDrift: 'monitor' must name a drift-monitor.json")
        assertThat(failure("checkDrift monitor: 'm.json', onlyNew: false"))
                .isEqualTo("checkDrift: 'onlyNew: false' cannot be used with 'monitor': a monitor checks only new batches")
        assertThat(failure("checkDrift model: 'm', data: 'd.csv', with: [only_new: true]"))
                .isEqualTo("checkDrift: with: [only_new: ...] is not a drift setting; use onlyNew: true")
        assertThat(failure("checkDrift model: 'm', data: 'd.csv', with: ['only-new': true]"))
                .isEqualTo("checkDrift: with: [only-new: ...] is not a drift setting; use onlyNew: true")
        assertThat(failure("checkDrift model: 'm', data: 'd.csv', with: [monitor: 'x.json']"))
                .isEqualTo("checkDrift: with: [monitor: ...] is not a drift setting; use monitor: 'FILE'")
        assertThat(failure("checkDrift model: 'm', data: 'd.csv', with: [out: 'x']"))
                .isEqualTo("checkDrift: with: [out: ...] is not a drift setting; the step chooses the report folder")
        assertThat(failure("modelopsPipeline pipelin: 'release'")).startsWith("modelopsPipeline: unknown parameter 'pipelin'")
        assertThat(shCalls).isEmpty()
        assertThat(calls('podTemplate')).isEmpty()
    }
}
