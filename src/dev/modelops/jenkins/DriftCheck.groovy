package dev.modelops.jenkins

/**
 * A scheduled drift check: runs {@code modelops drift check}, which exits with 3 when the new data
 * drifted from the model's reference profile and writes {@code drift-trigger.json} naming the
 * pipeline to run. On drift it starts the training job ({@code build job:}, not waiting) with that
 * pipeline as a parameter, and marks this build unstable (or failed, with {@code failOnDrift}), so
 * drift is visible in the job's history. With {@code onlyNew: true} (or a {@code monitor}) batches
 * checked before are skipped, so a night without new data is green and starts nothing.
 */
class DriftCheck implements Serializable {
    private static final long serialVersionUID = 1L

    final def script

    DriftCheck(script) {
        this.script = script
    }

    Map run(Map args) {
        Map a = args == null ? [:] : args
        Map result = new ModelOpsStep(script).run('checkDrift', a, [Commands.OK, Commands.DRIFT])
        result.drifted = result.exitCode == Commands.DRIFT
        String what = result.checkedModel ?: a.model
        if (!result.drifted) {
            if (result.nothingNew) {
                // onlyNew or a monitor: every batch was checked before (or none arrived); nothing to retrain
                script.echo "modelops: nothing new to check for ${what}".toString()
            } else {
                script.echo "modelops: no drift detected for ${what}".toString()
            }
            return result
        }
        Map trigger = (result.trigger ?: [:]) as Map
        result.pipeline = trigger.pipeline
        String line = "drift detected for ${what}".toString()
        if (trigger.pipeline) {
            line += "; pipeline ${trigger.pipeline} should run"
        }
        if (a.trainJob) {
            List parameters = []
            if (trigger.pipeline) {
                parameters << script.string(name: 'MODELOPS_PIPELINE', value: trigger.pipeline as String)
            }
            if (trigger.env) {
                parameters << script.string(name: 'MODELOPS_ENV', value: trigger.env as String)
            }
            for (Map.Entry e : ((a.trainParameters ?: [:]) as Map).entrySet()) {
                parameters << script.string(name: e.key as String, value: e.value as String)
            }
            script.build(job: a.trainJob, wait: false, parameters: parameters)
            line += "; started ${a.trainJob}"
        }
        if (a.failOnDrift) {
            script.error("checkDrift: ${line}".toString())
        }
        script.unstable("modelops: ${line}".toString())
        return result
    }
}
