package dev.modelops.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * What every ModelOps step does, in Jenkins's own terms:
 * <ol>
 *   <li>checks its arguments ({@code error} names the step and the bad argument);</li>
 *   <li>runs on the current agent, or allocates one ({@code node}) when called outside, or runs in
 *       a Kubernetes pod with a GPU-requesting {@code modelops} container when asked for
 *       {@code gpu:} or {@code platform: 'kubernetes'}; the workspace's spec folder and ModelOps
 *       home travel to the pod and back with {@code stash}/{@code unstash};</li>
 *   <li>binds the lineage store's credentials with {@code withCredentials} and passes the build's
 *       facts (URL, job, number, commit, user) with {@code withEnv};</li>
 *   <li>runs one {@code modelops} command (see {@link Commands}); a step that works on an
 *       existing model version gets the one this build's previous step produced
 *       ({@code --model-version}), since builds of other jobs may train the same model in a
 *       shared store meanwhile;</li>
 *   <li>publishes what Jenkins shows natively: {@code junit} for gate and drift results,
 *       {@code archiveArtifacts} for the run folder and the model file (fingerprinted),
 *       {@code publishHTML} for the lineage report, and the model version in the build
 *       description; then fails the build with the CLI's reason if the task failed.</li>
 * </ol>
 */
class ModelOpsStep implements Serializable {
    private static final long serialVersionUID = 1L

    /** Steps whose result is a new model version, archived and fingerprinted. */
    static final List<String> PRODUCES_MODEL = ['trainModel', 'hardenModel', 'compressModel']

    /**
     * Step types that work on an existing model version. Within a build they get the version the
     * build's previous producing step made ({@code --model-version ID}, remembered in
     * {@link #modelVersionVariable}), not "the newest" of a store other builds write to as well.
     */
    static final List<String> CONSUMES_MODEL = ['evaluateModel', 'hardenModel', 'compressModel', 'qualityGate',
                                                'deployModel']

    /** How a gate run's status reads in the build description. */
    static final Map<String, String> GATE_WORDS = [SUCCEEDED: 'passed', WARNED: 'passed with warnings', FAILED: 'failed']

    final def script

    ModelOpsStep(script) {
        this.script = script
    }

    /** Runs a library step and returns [exitCode, runId, status, outputs, ...]; fails the build unless it succeeded. */
    Map run(String step, Map args) {
        return run(step, args, [Commands.OK])
    }

    /** As {@link #run(String, Map)}, accepting the given exit codes (checkDrift accepts 3, drift). */
    Map run(String step, Map args, List<Integer> accepted) {
        Map a = args == null ? [:] : new LinkedHashMap(args)
        String problem = StepCatalog.problem(step, a)
        if (problem) {
            script.error(problem)
        }
        Map call = prepare(step, a)
        Map result = null
        onAgent(call) {
            result = execute(call)
        }
        Map concluded = conclude(call, result, accepted)
        remember(call, concluded)
        return concluded
    }

    /**
     * The environment variable that holds, for the rest of the build, the lineage id of the model
     * version the build's last producing step made: {@code MODELOPS_MODEL_ID_ARRESTS_RELEASE}.
     */
    @NonCPS
    static String modelVersionVariable(String model) {
        return 'MODELOPS_MODEL_ID_' + model.toUpperCase(Locale.ROOT).replaceAll(/[^A-Z0-9]/, '_')
    }

    /** The version a call works on: its {@code modelVersion} argument, else the build's own, else none (the newest). */
    String modelVersion(String type, Map a) {
        if (!(type in CONSUMES_MODEL) || !a.model) {
            return null
        }
        if (a.modelVersion) {
            return a.modelVersion as String
        }
        String name = modelVersionVariable(a.model as String)
        def remembered = script.env."${name}"
        return remembered ? remembered as String : null
    }

    /** After a step made a model version, later steps of this build work on it (env is build-wide). */
    void remember(Map call, Map result) {
        String id = (result?.outputs as Map)?.get('model.id')
        if (call.type in PRODUCES_MODEL && call.model && id && result.exitCode == Commands.OK) {
            String name = modelVersionVariable(call.model as String)
            script.env."${name}" = id
            script.echo "modelops: later steps of this build work on ${result.label ?: call.model} (${id})"
        }
    }

    /** Everything the call needs, computed once from the arguments and the environment. */
    Map prepare(String step, Map a) {
        def env = script.env
        Map d = StepCatalog.STEPS[step]
        String type = d.type ?: a.type
        Map call = [
                step       : step,
                type       : type,
                args       : a,
                model      : a.model,
                spec       : a.spec ?: env.MODELOPS_SPEC ?: 'modelops.yaml',
                specEnv    : a.specEnv ?: env.MODELOPS_ENV,
                home       : env.MODELOPS_HOME ?: '.modelops',
                store      : a.store ?: env.MODELOPS_STORE,
                credentials: a.credentialsId ?: env.MODELOPS_STORE_CREDENTIALS,
                report     : a.report != false,
                pod        : d.pod && GpuPod.wanted(a),
                label      : env.MODELOPS_AGENT_LABEL ?: 'modelops',
                stamp      : "${env.BUILD_NUMBER ?: 0}-${System.currentTimeMillis()}".toString(),
        ]
        Map with = StepCatalog.withParameters(step, a)
        if (call.pod && type == 'trainModel') {
            // The pod is the Kubernetes platform: train inside it instead of submitting a Job from it.
            with.platform = 'local'
        }
        call.with = with
        call.modelVersion = modelVersion(type, a)
        call.log = "${call.home}/jenkins/${step}-${call.stamp}.log".toString()
        if (step == 'checkDrift') {
            call.out = "modelops-reports/drift-${call.stamp}".toString()
            if (a.monitor) {
                // the monitor names its spec: only a spec the build names explicitly overrides it
                call.spec = a.spec ?: env.MODELOPS_SPEC
            }
        }
        return call
    }

    /** The command a call runs; checkDrift and others may build their own. */
    String command(Map call) {
        Commands commands = new Commands(script.env.MODELOPS_CLI as String)
        if (call.step == 'checkDrift') {
            Map a = call.args
            return commands.driftCheck(spec: call.spec, monitor: a.monitor, model: call.model,
                    data: a.data ? specRelative(call.spec as String, a.data) : null, out: call.out,
                    onlyNew: a.onlyNew == true, specEnv: call.specEnv, options: call.with)
        }
        Map a = call.args
        return commands.step(type: call.type, spec: call.spec, model: call.model, dataset: a.dataset,
                targetEnv: targetEnv(call), specEnv: call.specEnv, modelVersion: call.modelVersion, with: call.with,
                harden: a.harden == true, monitorDrift: a.monitorDrift == true)
    }

    @NonCPS
    private static String targetEnv(Map call) {
        switch (call.step) {
            case 'deployModel': return call.args.env
            case 'promote': return call.args.to
            case 'modelopsStep': return call.args.env
            default: return null
        }
    }

    // ---- where it runs ------------------------------------------------------------------------

    /** Runs the body on an agent: this one, a new one, or a GPU pod. */
    void onAgent(Map call, Closure body) {
        boolean inNode = script.env.NODE_NAME != null
        if (!call.pod) {
            if (inNode) {
                body()
            } else {
                script.node(call.label) {
                    script.checkout(script.scm)
                    body()
                }
            }
            return
        }
        String there = "modelops-${call.stamp}-in".toString()
        String back = "modelops-${call.stamp}-out".toString()
        boolean handOff = inNode && !((call.home as String).startsWith('/'))
        if (handOff) {
            script.stash(name: there, includes: "${specDir(call.spec)}**,${call.home}/**".toString(), allowEmpty: true)
        }
        script.podTemplate(podOptions(call)) {
            script.node(script.env.POD_LABEL) {
                if (handOff) {
                    script.unstash(there)
                } else {
                    script.checkout(script.scm)
                }
                script.container(GpuPod.CONTAINER) {
                    body()
                }
                if (handOff) {
                    script.stash(name: back, includes: "${call.home}/**".toString(), allowEmpty: true)
                }
            }
        }
        if (handOff) {
            script.unstash(back)
        }
    }

    /** The kubernetes plugin's podTemplate arguments: raw pod YAML merged over the cloud's template. */
    Map podOptions(Map call) {
        Map a = call.args
        Map options = [
                yaml             : GpuPod.yaml(a, envMap(), call.step),
                yamlMergeStrategy: script.merge(),
        ]
        String cloud = a.cloud ?: script.env.MODELOPS_POD_CLOUD
        if (cloud) {
            options.cloud = cloud
        }
        String namespace = a.namespace ?: script.env.MODELOPS_POD_NAMESPACE
        if (namespace) {
            options.namespace = namespace
        }
        String inherit = a.inheritFrom ?: script.env.MODELOPS_POD_INHERIT_FROM
        if (inherit) {
            options.inheritFrom = inherit
        }
        return options
    }

    private Map envMap() {
        return [MODELOPS_POD_IMAGE: script.env.MODELOPS_POD_IMAGE]
    }

    /** A path the spec names (relative to its folder) as the workspace sees it. */
    @NonCPS
    static String specRelative(String spec, Object path) {
        String p = path as String
        return p.startsWith('/') || !spec ? p : specDir(spec) + p
    }

    @NonCPS
    private static String specDir(String spec) {
        return spec.contains('/') ? spec.substring(0, spec.lastIndexOf('/') + 1) : ''
    }

    // ---- running the CLI ----------------------------------------------------------------------

    /** Runs the command with credentials and build facts, then publishes. Never throws for a failed task. */
    Map execute(Map call) {
        Map result = [step: call.step, model: call.model, exitCode: null, runId: null, status: null, outputs: [:]]
        withStore(call) {
            script.withEnv(BuildFacts.lineageEnv(script.env, script.currentBuild)) {
                result.exitCode = script.sh(script: Commands.logged(command(call), call.log as String),
                        returnStatus: true)
                String log = script.fileExists(call.log as String) ? script.readFile(call.log as String) : ''
                result.runId = Commands.runId(log)
                result.log = log
                if (call.step == 'checkDrift' && result.exitCode in [Commands.OK, Commands.DRIFT]) {
                    driftSummary(call, result)
                }
                if (call.step == 'checkDrift' && result.exitCode == Commands.DRIFT) {
                    result.trigger = driftTrigger(call)
                }
                if (result.runId && call.report) {
                    result.reportDir = lineageReport(call, result.runId as String)
                }
            }
        }
        publish(call, result)
        return result
    }

    /**
     * What the drift check's drift-summary.json says: the checked model version ({@code label},
     * e.g. arrests-release@v1), the batches it checked ({@code checked}) and those it skipped as
     * checked before ({@code alreadyChecked}, with onlyNew or a monitor); {@code nothingNew} when
     * it checked none.
     */
    void driftSummary(Map call, Map result) {
        String path = "${call.out}/drift-summary.json".toString()
        if (!script.fileExists(path)) {
            return
        }
        Map summary = RunFacts.parse(script.readFile(path) as String) as Map
        result.label = summary.model
        result.checked = ((summary.batches ?: []) as List).collect { (it as Map).name }
        result.alreadyChecked = (summary.alreadyChecked ?: []) as List
        result.nothingNew = (result.checked as List).isEmpty()
    }

    /** What the drift check's drift-trigger.json says to start (pipeline, env), or null if it wrote none. */
    Map driftTrigger(Map call) {
        String path = "${call.out}/drift-trigger.json".toString()
        if (!script.fileExists(path)) {
            script.echo "modelops: drift detected, but ${path} is missing"
            return null
        }
        return RunFacts.trigger(RunFacts.parse(script.readFile(path) as String) as Map)
    }

    /** Binds the lineage store's location and credentials around the body. */
    void withStore(Map call, Closure body) {
        List<String> env = call.store ? ["MODELOPS_STORE=${call.store}".toString()] : []
        if (call.credentials) {
            script.withCredentials([script.usernamePassword(credentialsId: call.credentials,
                    usernameVariable: 'MODELOPS_STORE_USER', passwordVariable: 'MODELOPS_STORE_PASSWORD')]) {
                script.withEnv(env) {
                    body()
                }
            }
        } else {
            script.withEnv(env) {
                body()
            }
        }
    }

    /** Writes the run's lineage report; returns its folder, or null if the CLI could not. */
    String lineageReport(Map call, String runId) {
        String dir = "modelops-reports/lineage-${runId}".toString()
        Commands commands = new Commands(script.env.MODELOPS_CLI as String)
        int code = script.sh(script: commands.lineageReport(runId, dir), returnStatus: true)
        if (code != 0) {
            script.echo "modelops: no lineage report for run ${runId} (modelops report lineage exited ${code})"
            return null
        }
        return dir
    }

    // ---- publishing ---------------------------------------------------------------------------

    void publish(Map call, Map result) {
        if (call.step == 'checkDrift') {
            publishDrift(call, result)
            return
        }
        if (!result.runId) {
            result.reason = RunFacts.reason(null, result.remove('log') as String)
            return
        }
        String runDir = "${call.home}/runs/${result.runId}".toString()
        if ((call.home as String).startsWith('/')) {
            // junit and archiveArtifacts read the workspace: bring a run kept outside it in.
            String copy = "modelops-runs/${result.runId}".toString()
            script.sh "mkdir -p modelops-runs && cp -R ${Commands.quote(runDir)} modelops-runs/"
            runDir = copy
        }
        result.runDir = runDir
        script.junit(testResults: "${runDir}/**/*.xml".toString(), allowEmptyResults: true)
        script.archiveArtifacts(artifacts: "${runDir}/**".toString(), allowEmptyArchive: true)
        Map run = null
        if (script.fileExists("${runDir}/run.json".toString())) {
            run = RunFacts.parse(script.readFile("${runDir}/run.json".toString()) as String) as Map
            result.status = run.status
            result.outputs = RunFacts.outputs(run)
            result.label = RunFacts.modelLabel(call.model as String, result.outputs as Map, run)
        }
        result.reason = RunFacts.reason(run, result.remove('log') as String)
        Map outputs = result.outputs as Map
        String sha = outputs['model.sha256']
        if (call.step in PRODUCES_MODEL && sha && result.exitCode == Commands.OK) {
            String model = "${call.home}/artifacts/sha256/${sha.take(2)}/${sha}".toString()
            if ((call.home as String).startsWith('/')) {
                script.sh "mkdir -p modelops-models && cp ${Commands.quote(model)} modelops-models/"
                model = "modelops-models/${sha}".toString()
            }
            script.archiveArtifacts(artifacts: model, fingerprint: true)
        }
        if (result.reportDir) {
            script.publishHTML(target: [reportDir            : result.reportDir, reportFiles: 'index.html',
                                        reportName           : "Lineage: ${call.step} ${call.model ?: ''}".toString().trim(),
                                        keepAll              : true, allowMissing: false,
                                        alwaysLinkToLastBuild: true])
        }
        if (call.model) {
            script.currentBuild.description = RunFacts.describe(script.currentBuild.description as String,
                    descriptionLine(call, result))
        }
    }

    /** A drift check has no pipeline run: its reports are in its --out folder. */
    void publishDrift(Map call, Map result) {
        result.reason = RunFacts.reason(null, result.remove('log') as String)
        result.reportDir = call.out
        script.junit(testResults: "${call.out}/**/*.xml".toString(), allowEmptyResults: true)
        script.archiveArtifacts(artifacts: "${call.out}/**".toString(), allowEmptyArchive: true)
        Map trigger = result.trigger as Map
        String version = trigger?.modelVersion ? "@v${trigger.modelVersion}" : ''
        // with a monitor and no model: the version the check names (arrests-release@v1), else the monitor
        String what = call.model ? "${call.model}${version}" : (result.label ?: trigger?.model ?: call.args.monitor)
        result.checkedModel = call.model ?: what
        String verdict = result.exitCode == Commands.DRIFT ? 'DRIFT'
                : (result.exitCode == Commands.OK ? (result.nothingNew ? 'nothing new' : 'no drift') : 'failed')
        script.currentBuild.description = RunFacts.describe(script.currentBuild.description as String,
                "drift check of ${what}: ${verdict}".toString())
    }

    @NonCPS
    private static String descriptionLine(Map call, Map result) {
        String label = result.label ?: call.model
        switch (call.step) {
            case 'trainModel': return "trained ${label}".toString()
            case 'hardenModel': return "hardened ${label}".toString()
            case 'compressModel': return "compressed ${label}".toString()
            case 'evaluateModel': return "evaluated ${label}".toString()
            case 'qualityGate': return "gate ${GATE_WORDS[result.status] ?: result.status}: ${label}".toString()
            case 'deployModel': return "deployed ${label} to ${call.args.env}".toString()
            case 'promote': return "promoted ${label} to ${call.args.to}".toString()
            case 'validateData': return "validated the data of ${call.model}".toString()
            default: return "${call.type} ${label}".toString()
        }
    }

    // ---- the end ------------------------------------------------------------------------------

    /** Turns the CLI's exit code into the build's outcome. */
    Map conclude(Map call, Map result, List<Integer> accepted) {
        int code = result.exitCode as int
        if (code in accepted) {
            return result
        }
        String where = result.runId ? " (run ${result.runId})" : ''
        if (code == Commands.FAILED) {
            script.error("${call.step}: ${call.type ?: call.step} failed${where}: ${result.reason}".toString())
        }
        if (code == Commands.BAD_INPUT) {
            script.error("${call.step}: modelops rejected the input: ${result.reason}".toString())
        }
        script.error("${call.step}: modelops exited with ${code}${where}: ${result.reason}".toString())
        return result
    }
}
