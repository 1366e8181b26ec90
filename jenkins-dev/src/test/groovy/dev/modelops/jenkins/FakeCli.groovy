package dev.modelops.jenkins

import dev.modelops.cli.ModelOpsCli
import groovy.json.JsonOutput

/**
 * The agent's shell for the library tests: answers the modelops commands the library runs the
 * way the CLI does (exit codes 0/1/2/3, the first log line {@code run <id>: pipeline ...}, a run
 * folder with {@code run.json}, JUnit XML for gates, {@code drift-trigger.json} for drift), in
 * the test's workspace map. {@code modelops generate jenkinsfile --format json} is answered by
 * the real CLI, in process. Tests replace an answer with {@link #on}.
 */
class FakeCli {
    final PipelineTestSupport test
    private final Map<String, Closure> answers = [:]
    private int runs
    private final Map<String, Integer> versions = [:]

    FakeCli(PipelineTestSupport test) {
        this.test = test
    }

    /** Answers commands starting with {@code modelops <prefix>} with the closure (words, call) -> answer map. */
    void on(String prefix, Closure answer) {
        answers[prefix] = answer
    }

    /** The command inside the library's logging wrapper (or the script itself). */
    static String command(String script) {
        if (script.startsWith('#!/bin/bash')) {
            String line = script.readLines().find { it.contains(' 2>&1 | tee ') }
            return line.substring(0, line.indexOf(' 2>&1 | tee '))
        }
        return script
    }

    static String logFileOf(String script) {
        String line = script.readLines().find { it.contains(' 2>&1 | tee ') }
        return words(line.substring(line.indexOf(' 2>&1 | tee ') + ' 2>&1 | tee '.length()))[0]
    }

    /** Splits a command line the way sh does for the quoting the library uses. */
    static List<String> words(String line) {
        List<String> out = []
        StringBuilder word = null
        boolean quoted = false
        boolean doubleQuoted = false
        for (char c : line.toCharArray()) {
            if (quoted) {
                if (c == '\'' as char) {
                    quoted = false
                } else {
                    word.append(c)
                }
            } else if (doubleQuoted) {
                if (c == '"' as char) {
                    doubleQuoted = false
                } else {
                    word.append(c)
                }
            } else if (c == '\'' as char) {
                quoted = true
                word = word ?: new StringBuilder()
            } else if (c == '"' as char) {
                doubleQuoted = true
                word = word ?: new StringBuilder()
            } else if (c == ' ' as char) {
                if (word != null) {
                    out << word.toString()
                    word = null
                }
            } else {
                word = (word ?: new StringBuilder()).append(c)
            }
        }
        if (word != null) {
            out << word.toString()
        }
        return out
    }

    Object run(Map call) {
        String script = call.script
        if (script.startsWith('#!/bin/bash')) {
            String logFile = logFileOf(script)
            Map answer = answer(command(script), call)
            test.files[logFile] = answer.log ?: ''
            return answer.exit ?: 0
        }
        Map answer = answer(script, call)
        if (call.returnStdout) {
            return answer.stdout ?: ''
        }
        return call.returnStatus ? (answer.exit ?: 0) : null
    }

    private Map answer(String command, Map call) {
        List<String> w = words(command)
        if (w[0] == 'mkdir' && w.contains('cp')) {
            // mkdir -p DIR && cp [-R] SOURCE DIR/: copy within the workspace map
            List<String> cp = w.subList(w.indexOf('cp') + 1, w.size()).findAll { it != '-R' }
            String source = cp[0]
            String target = cp[1].replaceAll('/$', '') + '/' + new File(source).name
            new LinkedHashMap(test.files).each { String path, String text ->
                if (path == source) {
                    test.files[target] = text
                } else if (path.startsWith(source + '/')) {
                    test.files[target + path.substring(source.length())] = text
                }
            }
            return [exit: 0]
        }
        if (w[0] != 'modelops') {
            return [exit: 0]
        }
        String rest = w.drop(1).join(' ')
        String prefix = answers.keySet().findAll { rest.startsWith(it) }.max { it.length() }
        if (prefix) {
            Map answer = answers[prefix].call(w, call) as Map
            return answer
        }
        switch (w[1]) {
            case 'step': return stepRun(w, 'SUCCEEDED', 0)
            case 'drift': return driftCheck(w, false)
            case 'report': return report(w)
            case 'generate': return [stdout: generate(w)]
            default: return [exit: 2, log: "modelops: unknown command ${w[1]}\n"]
        }
    }

    /** A successful (or failed) {@code modelops step} run: its log, run folder and run.json. */
    Map stepRun(List<String> w, String status, int exit) {
        String type = w[2]
        String model = option(w, '--model')
        String home = test.env.MODELOPS_HOME ?: '.modelops'
        String runId = String.format('20991231-2359%02d-a1b2c%d', ++runs, runs % 10)
        List<Map> tasks = [task(type, model, status, option(w, '--model-version'))]
        if (w.contains('--harden')) {
            tasks << task('hardenModel', model, status)
        }
        if (w.contains('--monitor-drift')) {
            tasks << [id: 'monitorDrift', type: 'monitorDrift', status: status, message: 'watching', outputs: [:], metrics: [:]]
        }
        Map run = [runId  : runId, pipeline: "step-${type}".toString(), environment: option(w, '--env'), status: status,
                   durationMs: 120, lineageRecord: 'f00d', tasks: tasks]
        String runDir = "${home}/runs/${runId}"
        test.files["${runDir}/run.json".toString()] = JsonOutput.toJson(run)
        if (type == 'qualityGate') {
            test.files["${runDir}/qualityGate/gate-${model}.xml".toString()] =
                    "<testsuite name='gate ${model}' tests='2' failures='${exit == 0 ? 0 : 1}'/>"
        }
        String log = "run ${runId}: pipeline step-${type}, ${tasks.size()} task(s)\n" +
                tasks.collect { "[12:00:00] ${it.id} ${it.status} 0.1s  ${it.message}" }.join('\n') +
                "\n\nrun ${runId} ${status} in 0.1s; outputs in /ws/${runDir}; lineage in sqlite:/ws/${home}/lineage.db\n"
        if (exit == 1) {
            log += "modelops: task ${type} failed\n"
        }
        return [exit: exit, log: log, runId: runId]
    }

    private Map task(String type, String model, String status, String pinned = null) {
        Map outputs = [:]
        String message = "${type} done"
        if (model && type in ['trainModel', 'hardenModel', 'compressModel']) {
            int v = versions[model] = (versions[model] ?: 0) + 1
            String sha = (model + v).bytes.encodeHex().toString().padRight(64, '0').take(64)
            outputs = ['model.id': "id-${model}-${v}".toString(), 'model.name': model, 'model.version': "${v}".toString(),
                       'model.sha256': sha]
            message = "trained ${model}@v${v}"
        } else if (model) {
            // --model-version ID (ids here are id-MODEL-N), else the newest
            def m = pinned =~ /-([0-9]+)$/
            int v = pinned && m.find() ? (m.group(1) as int) : (versions[model] ?: 1)
            outputs = ['model.id': "id-${model}-${v}".toString()]
            message = "${model}@v${v} ${type} done"
        }
        if (status == 'FAILED') {
            message = type == 'qualityGate' ? 'accuracy 0.61 < 0.70 (absolute bound)' : 'failed'
        }
        return [id: type, type: type, status: status, message: message, durationMs: 100, outputs: outputs, metrics: [:]]
    }

    /** Batches a drift check with --only-new (or --monitor) has checked, by path: lineage's memory. */
    final Set<String> checkedBatches = new LinkedHashSet<>()

    /**
     * {@code modelops drift check ... --out DIR}: no drift (exit 0) or drift (exit 3), a JUnit
     * report per batch, {@code drift-summary.json} and, on drift, DIR/drift-trigger.json in the
     * drift module's format. With {@code --only-new} or {@code --monitor FILE} (whose model and
     * batch folder stand in for {@code --model} and {@code --data}) a batch checked before is
     * skipped, and nothing new is exit 0 with the CLI's {@code nothing new to check} line.
     */
    Map driftCheck(List<String> w, boolean drifted) {
        String model = option(w, '--model')
        String data = option(w, '--data')
        String monitor = option(w, '--monitor')
        if (monitor) {
            if (!test.files.containsKey(monitor)) {
                return [exit: 2, log: "modelops: --monitor ${monitor}: file not found\n".toString()]
            }
            Map pinned = new groovy.json.JsonSlurper().parseText(test.files[monitor] as String) as Map
            model = model ?: pinned.model
            data = data ?: pinned.data
        }
        String out = option(w, '--out')
        String batch = new File(data).name
        boolean onlyNew = w.contains('--only-new') || monitor != null
        if (onlyNew && checkedBatches.contains(data)) {
            test.files["${out}/drift-summary.json".toString()] = JsonOutput.toJson(
                    [model: "${model}@v4".toString(), profileId: 'p1', drift: false, batches: [], alreadyChecked: [batch]])
            return [exit: 0, log: "drift check of ${model}@v4 against profile p1\n\nalready checked against this profile, "
                    + "skipped: ${batch}\n\nreports in /ws/${out}\nnothing new to check: all 1 batch(es) in ${data} were "
                    + 'checked against this profile before\n']
        }
        checkedBatches << data
        test.files["${out}/${batch}/drift-report.xml".toString()] = "<testsuite name='drift ${model} ${batch}'/>"
        test.files["${out}/${batch}/drift-report.html".toString()] = '<html>drift</html>'
        test.files["${out}/drift-summary.json".toString()] = JsonOutput.toJson([model: "${model}@v4".toString(),
                profileId: 'p1', drift: drifted, batches: [[name: batch, drift: drifted]], alreadyChecked: []])
        if (drifted) {
            test.files["${out}/drift-trigger.json".toString()] = JsonOutput.toJson([
                    schema : 'modelops-drift-trigger/1', drift: true, exitCode: 3, model: model, modelVersion: 4,
                    modelId: "id-${model}-4".toString(),
                    triggers: [[name: 'retrain-on-drift', pipeline: 'continuous', env: 'staging', events: ['ev1']]],
                    batches: [[name: batch, path: data, sha256: 'ab12', driftReportId: 'dr1']]])
        }
        String log = "drift check of ${model}@v4 against profile p1\n\n" +
                (drifted ? "DRIFT in 1 of 1 batch(es); drift-trigger.json written: start continuous in staging\n"
                        : "no drift in 1 batch(es)\n")
        return [exit: drifted ? 3 : 0, log: log]
    }

    private Map report(List<String> w) {
        String dir = option(w, '--out')
        test.files["${dir}/index.html".toString()] = '<html>lineage</html>'
        return [exit: 0]
    }

    /** The real CLI, in process, with the spec path resolved against the repository. */
    private String generate(List<String> w) {
        List<String> args = w.drop(1)
        args[2] = new File(PipelineTestSupport.REPO, args[2]).path
        StringWriter out = new StringWriter()
        StringWriter err = new StringWriter()
        int code = ModelOpsCli.execute(args as String[], new PrintWriter(out), new PrintWriter(err))
        if (code != 0) {
            throw new PipelineTestSupport.PipelineError("script returned exit code ${code}: ${err}")
        }
        return out.toString()
    }

    static String option(List<String> w, String name) {
        int i = w.indexOf(name)
        return i >= 0 && i + 1 < w.size() ? w[i + 1] : null
    }
}
