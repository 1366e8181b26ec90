package dev.modelops.core.jenkins;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Jenkinsfile for one pipeline of a spec says, before it is written as Groovy: the spec it
 * runs, the agent, cron triggers, the stages, and who may approve promotions into each
 * environment. The shared library's {@code modelopsPipeline} step reads the same model as JSON,
 * so a generated Jenkinsfile and a pipeline run by that step have the same stages.
 *
 * @param specPath the spec's path as the Jenkinsfile refers to it (relative to the workspace)
 * @param specHash SHA-256 of the spec text it was generated from
 * @param pipeline pipeline name
 * @param description pipeline description or null
 * @param environment the spec environment ({@code --env}) or null
 * @param agentLabel label of the agents that have the modelops CLI
 * @param cron cron schedules of the spec's schedule triggers for this pipeline
 * @param stages the stages in order
 * @param approvers approver ids per environment (only environments that name approvers)
 */
public record JenkinsPipeline(String specPath, String specHash, String pipeline, String description, String environment,
                              String agentLabel, List<String> cron, List<JenkinsStage> stages,
                              Map<String, List<String>> approvers) {
    public JenkinsPipeline {
        cron = List.copyOf(cron);
        stages = List.copyOf(stages);
        approvers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(approvers));
    }
}
