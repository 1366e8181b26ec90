import dev.modelops.jenkins.DriftCheck

/** Checks new data for drift; on drift starts the training job. Parameters: see checkDrift.txt. */
def call(Map args = [:]) {
    return new DriftCheck(this).run(args)
}
