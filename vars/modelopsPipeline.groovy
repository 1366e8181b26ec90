import dev.modelops.jenkins.PipelineStages

/** Runs a whole pipeline of a modelops.yaml as Jenkins stages. Parameters: see modelopsPipeline.txt. */
def call(Map args = [:]) {
    return new PipelineStages(this).run(args)
}
