package dev.modelops.jenkins

/**
 * A promotion with sign-off: asks with {@code input}, whose {@code submitter} list (user ids or
 * group names; Jenkins resolves group membership) is the {@code submitter:} argument, else the
 * spec's {@code environments.<env>.approvers}. Then it runs {@code modelops step promote} with the
 * id of whoever answered and the list Jenkins enforced ({@code --with approver=ID --with
 * approval_source=jenkins-input --with submitter=LIST}). The CLI does not compare the id with the
 * list again (it cannot see group membership); it records both, and refuses a list that goes
 * beyond the spec's approvers, so the spec stays the authority: a Jenkinsfile may narrow who signs
 * off, not widen it.
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
        if ((a.with as Map)?.keySet()?.any { it in ['approver', 'approval_source', 'submitter'] }) {
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
        if (submitter) {
            with.submitter = submitter
        }
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
