package dev.modelops.jenkins

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic

/**
 * Reads what the modelops CLI wrote: {@code run.json} of a run (status and each task's outputs,
 * such as {@code model.id} and {@code model.version}), the stages JSON of
 * {@code modelops generate jenkinsfile --format json}, and {@code drift-trigger.json}. Parsed with
 * the classic slurper, whose plain maps and lists survive a Jenkins restart.
 */
class RunFacts implements Serializable {
    private static final long serialVersionUID = 1L

    @NonCPS
    static Object parse(String json) {
        return new JsonSlurperClassic().parseText(json)
    }

    /** The outputs of a run's tasks merged in order, so the last task's model version wins. */
    @NonCPS
    static Map<String, String> outputs(Map run) {
        Map<String, String> out = new LinkedHashMap<String, String>()
        for (Object task : (run.tasks ?: [])) {
            Map t = task as Map
            (t.outputs as Map)?.each { k, v -> out[k as String] = v as String }
        }
        return out
    }

    /**
     * The pipeline and environment a drift-trigger.json names (its first trigger), with the
     * checked model version: {@code [pipeline:, env:, model:, modelVersion:, triggers: [...]]}.
     */
    @NonCPS
    static Map trigger(Map doc) {
        Map first = ((doc.triggers ?: []) as List) ? ((doc.triggers as List)[0] as Map) : doc
        return [pipeline: first.pipeline, env: first.env, name: first.name, model: doc.model,
                modelVersion: doc.modelVersion, triggers: doc.triggers ?: []]
    }

    /** The one-line reason of a failed task, or the CLI's last line. */
    @NonCPS
    static String reason(Map run, String log) {
        for (Object task : (run?.tasks ?: [])) {
            Map t = task as Map
            if (t.status in ['FAILED', 'SKIPPED'] && t.message) {
                return "${t.id}: ${t.message}".toString()
            }
        }
        List<String> lines = (log ?: '').readLines().findAll { it.trim() }
        return lines ? lines[-1].trim() : 'no output'
    }

    /**
     * A short text naming the model version a step worked on, for the build description: from the
     * outputs ({@code model.version}), else from the tasks' messages ({@code name@v3 ...}), else the
     * lineage id.
     */
    @NonCPS
    static String modelLabel(String model, Map<String, String> outputs, Map run) {
        String name = outputs['model.name'] ?: model
        if (outputs['model.version']) {
            return "${name}@v${outputs['model.version']}".toString()
        }
        String found = null
        for (Object task : (run?.tasks ?: [])) {
            def m = ((task as Map).message ?: '') =~ ('(?:^|\\s)(' + java.util.regex.Pattern.quote(name) + '@v[0-9]+)\\b')
            if (m.find()) {
                found = m.group(1)
            }
        }
        if (found) {
            return found
        }
        if (outputs['model.id']) {
            return "${name} (${outputs['model.id'].take(12)})".toString()
        }
        return name
    }

    /** Adds a line to a build description unless it is there already. */
    @NonCPS
    static String describe(String existing, String line) {
        List<String> lines = (existing ?: '').readLines().findAll { it.trim() }
        if (!lines.contains(line)) {
            lines << line
        }
        return lines.join('\n')
    }
}
