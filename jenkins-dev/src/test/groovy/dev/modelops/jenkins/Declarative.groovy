package dev.modelops.jenkins

/**
 * Enough of declarative Pipeline for JenkinsPipelineUnit 1.1, which only knows scripted
 * Pipeline: {@code pipeline {}} with agent, options, triggers, environment, parameters, stages,
 * steps, script and post. Directives are recorded as calls (so tests can assert the cron
 * trigger); {@code environment} sets build variables; a label agent allocates a node around the
 * stages; {@code post} conditions run after the stages as in Jenkins.
 */
class Declarative {
    /** The sections of one {@code pipeline {}} block. */
    static class Sections {
        Object agent
        Closure agentBody
        Closure environment
        Closure options
        Closure triggers
        Closure parameters
        Closure stages
        Closure post

        void agent(Object value) {
            agent = value
        }

        void agent(Closure body) {
            agentBody = body
        }

        void environment(Closure body) {
            environment = body
        }

        void options(Closure body) {
            options = body
        }

        void triggers(Closure body) {
            triggers = body
        }

        void parameters(Closure body) {
            parameters = body
        }

        void stages(Closure body) {
            stages = body
        }

        void post(Closure body) {
            post = body
        }
    }

    /** The parameters a pipeline declares; their defaults become params and environment unless a test set them. */
    static class Parameters {
        Map<String, Object> defaults = [:]

        void string(Map m) {
            defaults[m.name as String] = m.defaultValue
        }

        void booleanParam(Map m) {
            defaults[m.name as String] = m.defaultValue
        }
    }

    /** The conditions of a {@code post} block. */
    static class Post {
        Map<String, Closure> conditions = [:]

        void always(Closure body) {
            conditions.always = body
        }

        void success(Closure body) {
            conditions.success = body
        }

        void failure(Closure body) {
            conditions.failure = body
        }

        void unstable(Closure body) {
            conditions.unstable = body
        }

        void cleanup(Closure body) {
            conditions.cleanup = body
        }
    }

    static void register(PipelineTestSupport test) {
        def helper = test.helper
        test.binding.setVariable('none', 'none')
        test.binding.setVariable('any', 'any')
        helper.registerAllowedMethod('pipeline', [Closure]) { Closure body -> run(test, body) }
        helper.registerAllowedMethod('steps', [Closure]) { Closure body -> body() }
        helper.registerAllowedMethod('script', [Closure]) { Closure body -> body() }
        helper.registerAllowedMethod('label', [String]) { String l -> l }
        helper.registerAllowedMethod('cron', [String]) { String spec -> spec }
        helper.registerAllowedMethod('timestamps', []) { -> null }
        helper.registerAllowedMethod('disableConcurrentBuilds', []) { -> null }
        helper.registerAllowedMethod('booleanParam', [Map]) { Map m -> m }
    }

    static Object run(PipelineTestSupport test, Closure body) {
        Sections s = new Sections()
        body.delegate = s
        body.resolveStrategy = Closure.DELEGATE_FIRST
        body()
        for (Closure section : [s.options, s.triggers]) {
            if (section != null) {
                section.resolveStrategy = Closure.OWNER_FIRST
                section()
            }
        }
        if (s.parameters != null) {
            Parameters p = new Parameters()
            s.parameters.delegate = p
            s.parameters.resolveStrategy = Closure.DELEGATE_FIRST
            s.parameters.call()
            Map params = test.binding.hasVariable('params') ? test.binding.getVariable('params') as Map : [:]
            p.defaults.each { k, v ->
                if (!params.containsKey(k)) {
                    params[k] = v
                }
                test.env[k] = params[k]
            }
            test.binding.setVariable('params', params)
        }
        if (s.environment != null) {
            Map values = [:]
            s.environment.delegate = values
            s.environment.resolveStrategy = Closure.DELEGATE_FIRST
            s.environment.call()
            values.each { k, v -> test.env[k as String] = v as String }
        }
        String label = null
        if (s.agentBody != null) {
            label = s.agentBody.call() as String
        } else if (s.agent == 'any') {
            label = 'any'
        }
        Post post = new Post()
        if (s.post != null) {
            s.post.delegate = post
            s.post.resolveStrategy = Closure.DELEGATE_FIRST
            s.post.call()
        }
        Closure stages = {
            Throwable failure = null
            try {
                s.stages.call()
            } catch (Throwable t) {
                failure = t
                test.build.result = 'FAILURE'
            }
            String result = failure ? 'FAILURE' : (test.build.result ?: 'SUCCESS')
            post.conditions['always']?.call()
            if (result == 'SUCCESS') {
                post.conditions['success']?.call()
            } else if (result == 'UNSTABLE') {
                post.conditions['unstable']?.call()
            } else {
                post.conditions['failure']?.call()
            }
            post.conditions['cleanup']?.call()
            if (failure) {
                throw failure
            }
        }
        if (label != null) {
            test.within([NODE_NAME: "agent-${label}".toString()]) { stages() }
        } else {
            stages()
        }
        return null
    }
}
