package dev.modelops.core.spec;

/**
 * How a dataset is divided into training and test rows: either by a row predicate on a column
 * ({@code train: "year <= 1999"}, the natural choice for time-ordered data) or by a seeded
 * random ratio. Exactly one of {@code train} and {@code ratio} is set after validation.
 *
 * @param train a predicate {@code column op value} selecting training rows, or null
 * @param ratio share of rows used for training, in (0, 1), or null
 * @param seed seed of the random split
 */
public record SplitSpec(String train, Double ratio, Long seed) {
    public SplitSpec {
        seed = seed == null ? 42L : seed;
    }

    public static SplitSpec defaultSplit() {
        return new SplitSpec(null, 0.7, 42L);
    }
}
