import dev.modelops.jenkins.ModelOpsStep

/** Runs any modelops step type, e.g. monitorDrift or a plugged-in one (modelops step TYPE). Parameters: see modelopsStep.txt. */
def call(Map args = [:]) {
    return new ModelOpsStep(this).run('modelopsStep', args)
}
