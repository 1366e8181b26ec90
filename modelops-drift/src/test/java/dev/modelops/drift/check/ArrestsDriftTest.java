package dev.modelops.drift.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelops.core.data.Split;
import dev.modelops.core.data.Table;
import dev.modelops.drift.lineage.ReferenceProfiles;
import dev.modelops.drift.profile.ColumnProfile;
import dev.modelops.drift.profile.DataProfile;
import dev.modelops.drift.profile.ProfileLayout;
import dev.modelops.drift.profile.TableProfiler;
import dev.modelops.drift.stats.TwoSampleTests;
import dev.modelops.ml.TaskKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The must-show on real data: the reference profile of the 1997-1999 arrests against
 * each later year gives a drift table (the share of citizens among those arrested rose from 79%
 * to about 90%: 1997's rows are mostly non-citizens), and samples of the same period show none.
 */
class ArrestsDriftTest {
    @TempDir
    Path dir;

    private static long[] yesNo(Table t, int[] rows, String column) {
        long yes = 0;
        long no = 0;
        for (int r : rows) {
            String v = t.text(r, column);
            if ("Yes".equals(v)) {
                yes++;
            } else if ("No".equals(v)) {
                no++;
            }
        }
        return new long[] {no, yes};
    }

    private static int[] rowsOfYear(Table t, int year) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if ((int) t.number(r, "year") == year) {
                rows.add(r);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void eachLaterYearDriftsInCitizenOnlyAndTheTablesNumbersAreTheData() {
        ArrestsFixture f = ArrestsFixture.get();
        DriftCheck check = f.check(DriftSettings.defaults());
        Table t = f.data.table();
        int[] reference = ReferenceProfiles.labelledTrainingRows(t, f.split, "released");
        assertThat(reference).hasSize(492 + 877 + 1099);
        for (int year : new int[] {2000, 2001, 2002}) {
            DriftReport report = check.check(f.batch(dir, year + ".csv", y -> y == year));
            Map<String, ColumnDrift> byColumn = report.features().stream()
                    .collect(Collectors.toMap(ColumnDrift::column, c -> c));
            assertThat(byColumn.keySet()).containsExactlyInAnyOrder("age", "sex", "employed", "citizen", "checks");
            ColumnDrift citizen = byColumn.get("citizen");
            // the reference has more than 1000 rows: Evidently's choice is Jensen-Shannon for a categorical column
            assertThat(citizen.method()).isEqualTo("jensenshannon");
            long[] ref = yesNo(t, reference, "citizen");
            long[] cur = yesNo(t, rowsOfYear(t, year), "citizen");
            double[] refShares = {(double) ref[0] / (ref[0] + ref[1]), (double) ref[1] / (ref[0] + ref[1])};
            double[] curShares = {(double) cur[0] / (cur[0] + cur[1]), (double) cur[1] / (cur[0] + cur[1])};
            assertThat(citizen.jensenShannon()).isCloseTo(TwoSampleTests.jensenShannon(refShares, curShares), within(1e-12));
            assertThat(citizen.psi()).isCloseTo(TwoSampleTests.psi(refShares, curShares), within(1e-12));
            assertThat(citizen.zTestPValue()).isCloseTo(TwoSampleTests.proportionsZTestPValue(ref[0], ref[0] + ref[1],
                    cur[0], cur[0] + cur[1]), within(1e-15));
            assertThat(curShares[1]).as("citizen share in " + year).isGreaterThan(refShares[1] + 0.09);
            assertThat(citizen.drift()).as(year + ": " + citizen.reason()).isTrue();
            for (String stable : List.of("age", "sex", "employed", "checks")) {
                assertThat(byColumn.get(stable).drift()).as(year + " " + stable + ": " + byColumn.get(stable).reason())
                        .isFalse();
            }
            assertThat(byColumn.get("age").type()).isEqualTo("numeric");
            assertThat(byColumn.get("age").exact()).isTrue();
            assertThat(report.datasetDrift().drifted()).isEqualTo(1);
            assertThat(report.datasetDrift().drift()).isFalse();
            // the classifier that tells the years apart leans on citizen, but not enough to be drift on its own
            assertThat(report.domain().skipped()).isNull();
            assertThat(report.domain().auc()).isBetween(0.5, 0.7);
            assertThat(report.domain().drivers().get(0).feature()).isEqualTo("citizen");
            assertThat(report.performance().skipped()).isNull();
            assertThat(report.performance().drift()).isFalse();
            assertThat(report.batch().labelled()).isTrue();
            assertThat(report.label()).isNotNull();
        }
    }

    @Test
    void aShuffledSampleOfTheSamePeriodShowsNoDrift() {
        ArrestsFixture f = ArrestsFixture.get();
        Table t = f.data.table();
        List<Integer> early = new ArrayList<>();
        for (int r : ReferenceProfiles.labelledTrainingRows(t, f.split, "released")) {
            early.add(r);
        }
        // performance is judged against metrics recorded on 2000-2002, another period: see the next test
        DriftCheck check = f.check(DriftSettings.defaults().with(Map.of("checks", "features,prediction,label,domain"),
                (k, m) -> {
                    throw new IllegalStateException(m);
                }));
        for (int seed = 1; seed <= 3; seed++) {
            Collections.shuffle(early, new Random(seed));
            int[] sample = early.subList(0, 800).stream().mapToInt(Integer::intValue).toArray();
            DriftReport report = check.check(f.write(dir, "sample-" + seed + ".csv", sample));
            assertThat(report.features()).as("seed " + seed).noneMatch(ColumnDrift::drift);
            assertThat(report.prediction()).noneMatch(ColumnDrift::drift);
            assertThat(report.predictionDrift()).isFalse();
            assertThat(report.domain().auc()).isLessThan(0.6);
            assertThat(report.domain().drift()).isFalse();
            assertThat(report.performance()).isNull();
            assertThat(report.drift()).isFalse();
            assertThat(report.reasons()).contains("no drift");
        }
    }

    @Test
    void performanceHoldsOnASampleOfTheEvaluatedPeriodAndDropsWhenLabelsFlip() {
        ArrestsFixture f = ArrestsFixture.get();
        Table t = f.data.table();
        List<Integer> later = new ArrayList<>();
        for (int r : f.split.test()) {
            later.add(r);
        }
        Collections.shuffle(later, new Random(5));
        int[] sample = later.subList(0, 1000).stream().mapToInt(Integer::intValue).toArray();
        DriftCheck check = f.check(DriftSettings.defaults());
        PerformanceResult same = check.check(f.write(dir, "evaluated-period.csv", sample)).performance();
        assertThat(same.skipped()).isNull();
        assertThat(same.rows()).isEqualTo(1000);
        assertThat(same.drift()).as(same.reason()).isFalse();
        assertThat(same.metrics()).extracting(PerformanceResult.MetricChange::metric)
                .contains("accuracy", "auc", "f1", "macro_f1");
        // the same rows with a third of the labels flipped: the model is now often wrong
        List<String[]> flipped = new ArrayList<>();
        int label = t.columnIndex("released");
        for (int i = 0; i < sample.length; i++) {
            String[] row = t.row(sample[i]).clone();
            if (i % 3 == 0) {
                row[label] = "Yes".equals(row[label]) ? "No" : "Yes";
            }
            flipped.add(row);
        }
        Table flippedTable = new Table(t.columns(), flipped);
        Path file = f.write(dir, "unused.csv", new int[0]);
        StringBuilder csv = new StringBuilder(String.join(",", t.columns())).append('\n');
        for (String[] row : flipped) {
            csv.append(String.join(",", java.util.Arrays.stream(row).map(c -> c == null ? "NA" : c).toList())).append('\n');
        }
        try {
            java.nio.file.Files.writeString(file, csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(flippedTable.size()).isEqualTo(1000);
        DriftReport report = check.check(file);
        assertThat(report.performance().drift()).as(report.performance().reason()).isTrue();
        assertThat(report.performance().metrics()).filteredOn(PerformanceResult.MetricChange::degraded)
                .extracting(PerformanceResult.MetricChange::metric).contains("accuracy");
        assertThat(report.drift()).isTrue();
        assertThat(report.reasons()).anyMatch(r -> r.startsWith("performance drift"));
    }

    @Test
    void disjointRandomHalvesOfTheSamePeriodRaiseNoFalseAlarm() {
        ArrestsFixture f = ArrestsFixture.get();
        Table t = f.data.table();
        List<Integer> early = new ArrayList<>();
        for (int r : ReferenceProfiles.labelledTrainingRows(t, f.split, "released")) {
            early.add(r);
        }
        int falseAlarms = 0;
        for (int seed = 1; seed <= 10; seed++) {
            Collections.shuffle(early, new Random(100 + seed));
            int half = early.size() / 2;
            int[] a = early.subList(0, half).stream().mapToInt(Integer::intValue).sorted().toArray();
            int[] b = early.subList(half, early.size()).stream().mapToInt(Integer::intValue).toArray();
            var reference = ReferenceProfiles.build(new dev.modelops.core.lineage.Entity("m", dev.modelops.core.lineage.EntityKind.MODEL,
                            f.model.name(), 1, "sha", java.time.Instant.EPOCH, Map.of(), List.of()), "d", f.model, f.data,
                    new Split(a, b, "random half " + seed), f.trained, TaskKind.CLASSIFICATION);
            DriftSettings featuresOnly = DriftSettings.defaults().with(Map.of("checks", "features,prediction"), (k, m) -> {
                throw new IllegalStateException(m);
            });
            DriftCheck check = new DriftCheck(reference, "p", f.dataset, new dev.modelops.drift.profile.ModelPredictor(
                    f.trained, TaskKind.CLASSIFICATION, f.dataset, f.model.features(), "Yes"), null, null, featuresOnly);
            DriftReport report = check.check(f.write(dir, "half-" + seed + ".csv", b));
            falseAlarms += (int) report.features().stream().filter(ColumnDrift::drift).count();
            falseAlarms += report.drift() ? 1 : 0;
        }
        assertThat(falseAlarms).isZero();
    }

    @Test
    void profilesOfEachYearMergeIntoTheProfileOfTheWholePeriod() {
        ArrestsFixture f = ArrestsFixture.get();
        Table t = f.data.table();
        DataProfile whole = ProfileLayout.empty(f.dataset, f.model.features(), "released", TaskKind.CLASSIFICATION, false);
        DataProfile merged = whole.emptyLike();
        List<Integer> all = new ArrayList<>();
        for (int year = 1997; year <= 1999; year++) {
            int[] rows = rowsOfYear(t, year);
            DataProfile part = whole.emptyLike();
            TableProfiler.addRows(part, t, rows, "arrests.csv");
            merged.merge(part);
            for (int r : rows) {
                all.add(r);
            }
        }
        TableProfiler.addRows(whole, t, all.stream().mapToInt(Integer::intValue).toArray(), "arrests.csv");
        assertThat(merged.rows()).isEqualTo(whole.rows()).isEqualTo(2468);
        for (ColumnProfile c : whole.columns().values()) {
            ColumnProfile m = merged.column(c.name()).orElseThrow();
            assertThat(m.count()).isEqualTo(c.count());
            assertThat(m.missing()).isEqualTo(c.missing());
            if (c.kind() == dev.modelops.drift.profile.ColumnKind.NUMERIC) {
                assertThat(m.numeric().mean()).isCloseTo(c.numeric().mean(), within(1e-9));
                assertThat(m.numeric().variance()).isCloseTo(c.numeric().variance(), within(1e-9));
                assertThat(m.numeric().exactCounts()).containsExactly(c.numeric().exactCounts());
            } else {
                assertThat(m.categories().counts()).isEqualTo(c.categories().counts());
            }
        }
    }
}
