package dev.modelops.jenkins

/**
 * Runs a whole pipeline of a modelops.yaml as Jenkins stages. It asks the CLI for the same stage
 * list {@code modelops generate jenkinsfile} writes ({@code --format json}), then runs one
 * {@code stage} per task, each through its library step ({@code trainModel}, {@code qualityGate},
 * ...), so every stage shows its own log, test results, artifacts and lineage report, and a
 * promotion stops at its sign-off. Tasks run in plan order; a task without an upstream model works
 * on the newest recorded version of its model, which is the one the previous stage produced.
 */
class PipelineStages implements Serializable {
    private static final long serialVersionUID = 1L

    final def script

    PipelineStages(script) {
        this.script = script
    }

    Map run(Map args) {
        Map a = args == null ? [:] : args
        String problem = StepCatalog.problem('modelopsPipeline', a)
        if (problem) {
            script.error(problem)
        }
        Map results = [:]
        if (script.env.NODE_NAME != null) {
            runStages(a, results)
        } else {
            script.node(script.env.MODELOPS_AGENT_LABEL ?: 'modelops') {
                script.checkout(script.scm)
                runStages(a, results)
            }
        }
        return results
    }

    private void runStages(Map a, Map results) {
        def env = script.env
        String spec = a.spec ?: env.MODELOPS_SPEC ?: 'modelops.yaml'
        String specEnv = a.specEnv ?: env.MODELOPS_ENV
        Commands commands = new Commands(env.MODELOPS_CLI as String)
        String json = script.sh(script: commands.stages(spec, a.pipeline as String, specEnv), returnStdout: true)
        Map described = RunFacts.parse(json as String) as Map
        script.echo "modelops: pipeline ${described.pipeline} of ${spec}: ${(described.stages as List).size()} stage(s)"
        for (Object s : (described.stages as List)) {
            Map stage = s as Map
            Map stepArgs = new LinkedHashMap((stage.args ?: [:]) as Map)
            stepArgs.spec = spec
            if (specEnv) {
                stepArgs.specEnv = specEnv
            }
            for (String common : ['credentialsId', 'store', 'report']) {
                if (a.containsKey(common)) {
                    stepArgs[common] = a[common]
                }
            }
            String step = stage.step as String
            script.stage(stage.name as String) {
                results[stage.name] = script."${step}"(stepArgs)
            }
        }
    }
}
