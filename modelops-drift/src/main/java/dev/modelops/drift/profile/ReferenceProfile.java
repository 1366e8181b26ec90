package dev.modelops.drift.profile;

/**
 * A model version's reference profile: the profile of its training rows (features and label)
 * and of its predictions on them, with where they came from. Recorded at training time, it is
 * what every later drift check compares new data with, without re-reading the training data
 * (the precomputed reference statistics Evidently users ask for).
 *
 * @param source the model version and training data
 * @param profile the profile of the training rows and the model's predictions on them
 */
public record ReferenceProfile(ProfileSource source, DataProfile profile) {
}
