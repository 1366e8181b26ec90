package dev.modelops.jenkins

/**
 * A promotion with sign-off: asks with {@code input} (only the target environment's approvers
 * may answer: the {@code submitter:} argument, else the spec's
 * {@code environments.<env>.approvers}), then runs {@code modelops step promote} with the
 * approver's id ({@code --with approver=ID --with approval_source=jenkins-input}), so lineage
 * records who approved, when and through what. The CLI checks the id against the spec's approvers
 * again, so the spec stays the authority even if a Jenkinsfile names other submitters.
 */
class Promotion implements Serializable {
    private static final long serialVersionUID = 1L

    final def script

    Promotion(script) {
        this.script = script
    }

    Map run(Map args) {
        Map a = args == null ? [:] : new LinkedHashMap(args)
        String problem = StepCatalog.problem('promote', a)
        if (problem) {
            script.error(problem)
        }
        if ((a.with as Map)?.keySet()?.any { it in ['approver', 'approval_source'] }) {
            script.error("promote: the approver comes from the sign-off (input), not from 'with'")
        }
        String submitter = a.submitter ?: approversFromSpec(a)
        Map ask = [message: a.message ?: "Promote ${a.model} from ${a.from} to ${a.to}?".toString(), ok: 'Promote',
                   submitterParameter: 'APPROVER']
        if (submitter) {
            ask.submitter = submitter
        }
        def answer = null
        if (a.timeoutMinutes) {
            script.timeout(time: a.timeoutMinutes as int, unit: 'MINUTES') {
                answer = script.input(ask)
            }
        } else {
            answer = script.input(ask)
        }
        String approver = (answer instanceof Map ? answer.APPROVER : answer) as String
        if (!approver) {
            script.error("promote: the sign-off returned no approver id")
        }
        script.echo "modelops: ${approver} approved promoting ${a.model} from ${a.from} to ${a.to}"
        Map stepArgs = new LinkedHashMap(a)
        stepArgs.remove('submitter')
        stepArgs.remove('message')
        stepArgs.remove('timeoutMinutes')
        Map with = new LinkedHashMap((a.with ?: [:]) as Map)
        with.approver = approver
        with.approval_source = 'jenkins-input'
        stepArgs.with = with
        Map result = new ModelOpsStep(script).run('promote', stepArgs)
        result.approver = approver
        return result
    }

    /** The approvers the spec names for the target environment, comma-separated, or null (anyone). */
    String approversFromSpec(Map a) {
        def env = script.env
        String spec = a.spec ?: env.MODELOPS_SPEC ?: 'modelops.yaml'
        String specEnv = a.specEnv ?: env.MODELOPS_ENV
        Commands commands = new Commands(env.MODELOPS_CLI as String)
        String json = null
        if (env.NODE_NAME != null) {
            json = script.sh(script: commands.stages(spec, null, specEnv), returnStdout: true)
        } else {
            script.node(env.MODELOPS_AGENT_LABEL ?: 'modelops') {
                script.checkout(script.scm)
                json = script.sh(script: commands.stages(spec, null, specEnv), returnStdout: true)
            }
        }
        Map described = RunFacts.parse(json as String) as Map
        List approvers = (described.approvers as Map)?.get(a.to) as List
        return approvers ? approvers.join(',') : null
    }
}
