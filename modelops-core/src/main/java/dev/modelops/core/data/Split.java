package dev.modelops.core.data;

import dev.modelops.core.spec.SplitSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training and test row indexes of a table, chosen by a {@link SplitSpec}. Deterministic: the
 * same table and spec always give the same split, so evaluation in a later task (or a later run)
 * sees exactly the rows training did not.
 *
 * @param train indexes of training rows
 * @param test indexes of test rows
 * @param description how the split was made, for lineage
 */
public record Split(int[] train, int[] test, String description) {

    public static Split of(Table table, SplitSpec spec) {
        if (spec.train() != null) {
            RowFilter filter = RowFilter.parse(spec.train());
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int r = 0; r < table.size(); r++) {
                (filter.test(table, r) ? train : test).add(r);
            }
            return new Split(toArray(train), toArray(test), "train where " + filter + ", test otherwise");
        }
        int n = table.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(spec.seed());
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int cut = (int) Math.round(n * spec.ratio());
        int[] train = java.util.Arrays.copyOfRange(order, 0, cut);
        int[] test = java.util.Arrays.copyOfRange(order, cut, n);
        java.util.Arrays.sort(train);
        java.util.Arrays.sort(test);
        return new Split(train, test, "random " + Math.round(spec.ratio() * 100) + "% train, seed " + spec.seed());
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
