import dev.modelops.jenkins.ModelOpsStep

/** Validates a data file against its dataset's schema and the model's data gates (modelops step validateData). Parameters: see validateData.txt. */
def call(Map args = [:]) {
    return new ModelOpsStep(this).run('validateData', args)
}
