package dev.modelops.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * The parameters each library step accepts, and how they map onto the modelops CLI: which are
 * required, which become {@code --with key=value} (named in camelCase here, snake_case in the
 * spec), and which steps may run in a Kubernetes GPU pod. Arguments are checked against this
 * before anything runs, so a typo fails the build at once with the list of valid names.
 */
class StepCatalog implements Serializable {
    private static final long serialVersionUID = 1L

    /** Accepted by every step. */
    static final List<String> COMMON = ['spec', 'specEnv', 'dataset', 'credentialsId', 'store', 'with', 'report']

    /** Accepted by steps that may run in a Kubernetes pod. */
    static final List<String> POD = ['gpu', 'platform', 'image', 'nodeSelector', 'tolerations', 'cpu', 'memory',
                                     'cloud', 'namespace', 'inheritFrom', 'serviceAccount']

    /**
     * type: the CLI step type; required: arguments that must be given; with: camelCase arguments
     * passed as {@code --with}; flags: booleans the step turns into CLI flags; own: other arguments
     * the step reads itself; pod: whether it may run in a GPU pod; unlessGiven: an argument that
     * makes the required ones optional (a drift monitor names the model and the batch folder).
     */
    static final Map<String, Map> STEPS = [
            trainModel     : [type: 'trainModel', required: ['model'], with: [], flags: ['harden'], own: [], pod: true],
            evaluateModel  : [type: 'evaluateModel', required: ['model'], with: [], flags: [], own: ['modelVersion'],
                              pod: true],
            hardenModel    : [type: 'hardenModel', required: ['model'],
                              with: ['epsilon', 'attack', 'samples', 'seed', 'noise', 'points', 'batches', 'radius',
                                     'augment', 'rounds'], flags: [], own: ['modelVersion'], pod: true],
            compressModel  : [type: 'compressModel', required: ['model'],
                              with: ['format', 'quantize', 'maxAccuracyLoss', 'bits'], flags: [], own: ['modelVersion'],
                              pod: true],
            deployModel    : [type: 'deployModel', required: ['model', 'env'],
                              with: ['target', 'replicas', 'canary', 'port', 'image', 'namespace', 'healthTimeout'],
                              flags: ['monitorDrift'], own: ['modelVersion'], pod: false],
            promote        : [type: 'promote', required: ['model', 'from', 'to'], with: ['from'], flags: [],
                              own: ['submitter', 'message', 'timeoutMinutes'], pod: false],
            qualityGate    : [type: 'qualityGate', required: ['model'], with: ['gates', 'championEnv'], flags: [],
                              own: ['modelVersion'], pod: true],
            validateData   : [type: 'validateData', required: [], with: ['data'], flags: [], own: ['model'], pod: false],
            checkDrift     : [type: 'checkDrift', required: ['model', 'data'], with: ['threshold', 'checks'],
                              flags: ['onlyNew'], own: ['monitor', 'trainJob', 'trainParameters', 'failOnDrift'],
                              pod: false, unlessGiven: 'monitor'],
            modelopsStep   : [type: null, required: ['type'], with: [], flags: ['harden', 'monitorDrift'],
                              own: ['type', 'model', 'env', 'modelVersion'], pod: true],
            modelopsPipeline: [type: null, required: [], with: [], flags: [], own: ['pipeline'], pod: false],
    ]

    /** Every argument a step accepts, sorted. */
    @NonCPS
    static List<String> accepted(String step) {
        Map d = STEPS[step]
        Set<String> names = new TreeSet<String>(COMMON)
        names.addAll(d.required as List)
        names.addAll(d.with as List)
        names.addAll(d.flags as List)
        names.addAll(d.own as List)
        if (d.pod) {
            names.addAll(POD)
        }
        return new ArrayList<String>(names)
    }

    /**
     * Checks a step's arguments. Returns the first problem as the message {@code error} shows
     * ({@code "trainModel: 'model' is required"}), or null when they are fine.
     */
    @NonCPS
    static String problem(String step, Map args) {
        Map d = STEPS[step]
        List<String> ok = accepted(step)
        for (Object key : args.keySet()) {
            if (!ok.contains(key as String)) {
                return "${step}: unknown parameter '${key}'; expected one of: ${ok.join(', ')}".toString()
            }
        }
        for (String r : (d.required as List<String>)) {
            if (d.unlessGiven && args[d.unlessGiven] != null) {
                break
            }
            if (args[r] == null || (args[r] instanceof CharSequence && args[r].toString().trim().isEmpty())) {
                String unless = d.unlessGiven ? " (unless '${d.unlessGiven}' is given)" : ''
                return "${step}: '${r}' is required${unless}".toString()
            }
        }
        for (String flag : ((d.flags as List<String>) + ['report'])) {
            if (args.containsKey(flag) && !(args[flag] instanceof Boolean)) {
                return "${step}: '${flag}' must be true or false, got '${args[flag]}'".toString()
            }
        }
        if (args.containsKey('failOnDrift') && !(args.failOnDrift instanceof Boolean)) {
            return "${step}: 'failOnDrift' must be true or false, got '${args.failOnDrift}'".toString()
        }
        for (String name : ['spec', 'specEnv', 'dataset', 'credentialsId', 'store', 'model', 'env', 'from', 'to',
                            'cloud', 'inheritFrom', 'serviceAccount', 'submitter', 'data',
                            'trainJob', 'type', 'pipeline', 'modelVersion', 'monitor']) {
            if (args.containsKey(name) && !(args[name] instanceof CharSequence)) {
                return "${step}: '${name}' must be text, got ${args[name]?.getClass()?.simpleName}".toString()
            }
        }
        if (args.containsKey('gpu')) {
            String gpu = String.valueOf(args.gpu)
            if (!(gpu ==~ /[0-9]+/)) {
                return "${step}: 'gpu' must be a whole number >= 0, got '${args.gpu}'".toString()
            }
        }
        if (args.containsKey('platform') && !(args.platform in ['local', 'kubernetes'])) {
            return "${step}: 'platform' must be 'local' or 'kubernetes', got '${args.platform}'".toString()
        }
        if (args.containsKey('nodeSelector') && !(args.nodeSelector instanceof Map)) {
            return "${step}: 'nodeSelector' must be a map of node labels, e.g. ['nvidia.com/gpu.present': 'true']"
        }
        if (args.containsKey('tolerations')) {
            if (!(args.tolerations instanceof List) || args.tolerations.any { !(it instanceof Map) }) {
                return "${step}: 'tolerations' must be a list of maps [key:, operator:, value:, effect:]"
            }
        }
        if (args.containsKey('with') && !(args.with instanceof Map)) {
            return "${step}: 'with' must be a map of step parameters"
        }
        if (args.containsKey('timeoutMinutes') && !(String.valueOf(args.timeoutMinutes) ==~ /[1-9][0-9]*/)) {
            return "${step}: 'timeoutMinutes' must be a whole number > 0, got '${args.timeoutMinutes}'".toString()
        }
        if (args.containsKey('trainParameters') && !(args.trainParameters instanceof Map)) {
            return "${step}: 'trainParameters' must be a map of job parameters"
        }
        if (step == 'checkDrift') {
            return driftProblem(args)
        }
        return null
    }

    /** The drift check's own rules, those of {@code modelops drift check}. */
    @NonCPS
    private static String driftProblem(Map args) {
        if (args.monitor != null && args.monitor.toString().trim().isEmpty()) {
            return "checkDrift: 'monitor' must name a drift-monitor.json"
        }
        if (args.monitor != null && args.onlyNew == false) {
            return "checkDrift: 'onlyNew: false' cannot be used with 'monitor': a monitor checks only new batches"
        }
        // what the step passes as flags of its own: with: would repeat them or pass a value to a flag
        Map own = [only_new: "onlyNew: true", monitor: "monitor: 'FILE'", model: "model:", data: "data:",
                   out: null, env: "specEnv:"]
        for (Object key : ((args.with ?: [:]) as Map).keySet()) {
            String k = snake(key as String).replace('-', '_')
            if (own.containsKey(k)) {
                String instead = own[k] ? "; use ${own[k]}" : '; the step chooses the report folder'
                return "checkDrift: with: [${key}: ...] is not a drift setting${instead}".toString()
            }
        }
        return null
    }

    /** The {@code --with} parameters of a call: the declared camelCase ones as snake_case, then {@code with:}. */
    @NonCPS
    static Map<String, Object> withParameters(String step, Map args) {
        Map<String, Object> out = new LinkedHashMap<String, Object>()
        for (String name : (STEPS[step].with as List<String>)) {
            if (args[name] != null) {
                out[snake(name)] = args[name]
            }
        }
        if (args.with) {
            out.putAll(args.with as Map)
        }
        return out
    }

    /** {@code maxAccuracyLoss} becomes {@code max_accuracy_loss}, the spec's spelling. */
    @NonCPS
    static String snake(String camel) {
        return camel.replaceAll(/([a-z0-9])([A-Z])/, '$1_$2').toLowerCase()
    }
}
