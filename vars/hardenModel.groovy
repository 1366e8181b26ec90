import dev.modelops.jenkins.ModelOpsStep

/** Measures a model's robustness and hardens it (modelops step hardenModel). Parameters: see hardenModel.txt. */
def call(Map args = [:]) {
    return new ModelOpsStep(this).run('hardenModel', args)
}
