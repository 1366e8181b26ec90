import dev.modelops.jenkins.ModelOpsStep

/** Judges a model version against its gates; results appear as JUnit tests (modelops step qualityGate). Parameters: see qualityGate.txt. */
def call(Map args = [:]) {
    return new ModelOpsStep(this).run('qualityGate', args)
}
