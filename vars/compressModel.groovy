import dev.modelops.jenkins.ModelOpsStep

/** Exports a model version to ONNX and quantizes it (modelops step compressModel). Parameters: see compressModel.txt. */
def call(Map args = [:]) {
    return new ModelOpsStep(this).run('compressModel', args)
}
