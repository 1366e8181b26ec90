package dev.modelops.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * The build facts lineage keeps with every record (build URL, job, build number, git commit and
 * branch, the user who started the build), as the environment the modelops CLI reads them from.
 * Jenkins sets most of them already; the user is not an environment variable unless the
 * build-user-vars plugin is installed, so it is taken from the build's causes and passed as
 * {@code MODELOPS_USER}. Only these names are passed: no credential can reach lineage this way.
 */
class BuildFacts implements Serializable {
    private static final long serialVersionUID = 1L

    static final List<String> PASSED = ['BUILD_URL', 'JOB_NAME', 'BUILD_NUMBER', 'GIT_COMMIT', 'GIT_BRANCH']

    /** {@code NAME=value} pairs for {@code withEnv}. */
    @NonCPS
    static List<String> lineageEnv(env, currentBuild) {
        List<String> out = []
        for (String name : PASSED) {
            def value = env."${name}"
            if (value) {
                out << "${name}=${value}".toString()
            }
        }
        String user = user(env, currentBuild)
        if (user) {
            out << "MODELOPS_USER=${user}".toString()
        }
        return out
    }

    /** Who started the build: BUILD_USER_ID (build-user-vars plugin), else the build's user cause. */
    @NonCPS
    static String user(env, currentBuild) {
        def id = env.BUILD_USER_ID
        if (id) {
            return id as String
        }
        try {
            def causes = currentBuild.getBuildCauses('hudson.model.Cause$UserIdCause')
            if (causes && causes[0]?.userId) {
                return causes[0].userId as String
            }
        } catch (MissingMethodException ignored) {
            // an old Jenkins without RunWrapper.getBuildCauses: no user then
        }
        return null
    }
}
