import dev.modelops.jenkins.ModelOpsStep

/** Trains a new version of a model (modelops step trainModel). Parameters: see trainModel.txt. */
def call(Map args = [:]) {
    return new ModelOpsStep(this).run('trainModel', args)
}
