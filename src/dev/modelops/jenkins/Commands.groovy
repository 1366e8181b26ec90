package dev.modelops.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * Every command line the library runs, in one place, so a change of the modelops CLI is one edit.
 * The CLI is {@code modelops} on the PATH unless the agent sets {@code MODELOPS_CLI} (for example
 * {@code java -jar /opt/modelops/modelops-cli.jar}). Every argument is shell-quoted. Credentials
 * never appear here: the CLI reads them from the environment that {@code withCredentials} sets.
 */
class Commands implements Serializable {
    private static final long serialVersionUID = 1L

    /** Exit codes of the modelops CLI. */
    static final int OK = 0
    static final int FAILED = 1
    static final int BAD_INPUT = 2
    static final int DRIFT = 3

    final String cli

    Commands(String cli) {
        this.cli = cli ?: 'modelops'
    }

    /**
     * {@code modelops step TYPE SPEC --model M ...}: one task, as each library step runs it.
     *
     * @param o type, spec, model, dataset, targetEnv, specEnv, modelVersion (the version to work
     *          on), with (map, snake_case keys), harden, monitorDrift
     */
    @NonCPS
    String step(Map o) {
        List<String> c = [cli, 'step', o.type as String, quote(o.spec)]
        if (o.model) {
            c += ['--model', quote(o.model)]
        }
        if (o.dataset) {
            c += ['--dataset', quote(o.dataset)]
        }
        if (o.targetEnv) {
            c += ['--target-env', quote(o.targetEnv)]
        }
        if (o.specEnv) {
            c += ['--env', quote(o.specEnv)]
        }
        if (o.modelVersion) {
            c += ['--model-version', quote(o.modelVersion)]
        }
        for (Map.Entry e : ((Map) (o.with ?: [:])).entrySet()) {
            c += ['--with', quote("${e.key}=${e.value}")]
        }
        if (o.harden) {
            c << '--harden'
        }
        if (o.monitorDrift) {
            c << '--monitor-drift'
        }
        return c.join(' ')
    }

    /** {@code modelops generate jenkinsfile SPEC --format json}: the stages of a pipeline. */
    @NonCPS
    String stages(String spec, String pipeline, String specEnv) {
        List<String> c = [cli, 'generate', 'jenkinsfile', quote(spec), '--format', 'json', '--spec-path', quote(spec)]
        if (pipeline) {
            c += ['--pipeline', quote(pipeline)]
        }
        if (specEnv) {
            c += ['--env', quote(specEnv)]
        }
        return c.join(' ')
    }

    /**
     * {@code modelops drift check SPEC --model M --data D --out DIR}: exit 3 when drift is detected,
     * with {@code DIR/drift-trigger.json} naming the pipeline to start; JUnit XML and HTML reports
     * per batch under DIR. {@code onlyNew} adds {@code --only-new} (batches already checked against
     * the profile are skipped; nothing new is exit 0); {@code monitor} adds {@code --monitor FILE},
     * which names the model, version, profile and batch folder, so spec, model and data may be left
     * out (null). Drift settings ({@code threshold}, {@code checks}, ...) are the command's options
     * ({@code --threshold 0.2}, {@code --psi-threshold ...}).
     */
    @NonCPS
    String driftCheck(Map o) {
        List<String> c = [cli, 'drift', 'check']
        if (o.spec) {
            c << quote(o.spec)
        }
        if (o.monitor) {
            c += ['--monitor', quote(o.monitor)]
        }
        if (o.model) {
            c += ['--model', quote(o.model)]
        }
        if (o.data) {
            c += ['--data', quote(o.data)]
        }
        c += ['--out', quote(o.out)]
        if (o.onlyNew) {
            c << '--only-new'
        }
        if (o.specEnv) {
            c += ['--env', quote(o.specEnv)]
        }
        for (Map.Entry e : ((Map) (o.options ?: [:])).entrySet()) {
            def value = e.value instanceof List ? (e.value as List).join(',') : e.value
            c += ['--' + (e.key as String).replace('_', '-'), quote(value)]
        }
        return c.join(' ')
    }

    /** {@code modelops report lineage --run ID --out DIR}: the HTML lineage report of a run. */
    @NonCPS
    String lineageReport(String runId, String outDir) {
        return [cli, 'report', 'lineage', '--run', quote(runId), '--out', quote(outDir)].join(' ')
    }

    /**
     * The script {@code sh} runs: the command with its output both in the build log and in a file
     * the library reads afterwards (to find the run), keeping the command's exit code.
     */
    @NonCPS
    static String logged(String command, String logFile) {
        String dir = logFile.contains('/') ? logFile.substring(0, logFile.lastIndexOf('/')) : '.'
        return "#!/bin/bash\nset -o pipefail\nmkdir -p ${quote(dir)}\n${command} 2>&1 | tee ${quote(logFile)}\n"
    }

    /** The run id the CLI prints first ({@code run <id>: pipeline ...}), or null. */
    @NonCPS
    static String runId(String log) {
        def m = (log ?: '') =~ /(?m)^run (\S+): pipeline /
        return m.find() ? m.group(1) : null
    }

    /** A POSIX shell single-quoted word. */
    @NonCPS
    static String quote(Object value) {
        String s = String.valueOf(value)
        if (s ==~ /[A-Za-z0-9_.\/:=@%+,-]+/) {
            return s
        }
        return "'" + s.replace("'", "'\"'\"'") + "'"
    }
}
