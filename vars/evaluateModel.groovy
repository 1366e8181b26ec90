import dev.modelops.jenkins.ModelOpsStep

/** Evaluates the newest version of a model on its test rows (modelops step evaluateModel). Parameters: see evaluateModel.txt. */
def call(Map args = [:]) {
    return new ModelOpsStep(this).run('evaluateModel', args)
}
