import dev.modelops.jenkins.ModelOpsStep

/** Deploys the newest version of a model to an environment (modelops step deployModel). Parameters: see deployModel.txt. */
def call(Map args = [:]) {
    return new ModelOpsStep(this).run('deployModel', args)
}
