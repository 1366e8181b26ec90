import dev.modelops.jenkins.Promotion

/** Promotes a model version between environments after sign-off (input). Parameters: see promote.txt. */
def call(Map args = [:]) {
    return new Promotion(this).run(args)
}
