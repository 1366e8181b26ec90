package dev.modelops.drift.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DetectorsTest {
    /** A Bernoulli error stream whose error rate steps from rates[k] to rates[k+1] at each change point. */
    static double[] errorStream(long seed, int length, int[] changePoints, double[] rates) {
        Random r = new Random(seed);
        double[] x = new double[length];
        int segment = 0;
        for (int i = 0; i < length; i++) {
            while (segment < changePoints.length && i >= changePoints[segment]) {
                segment++;
            }
            x[i] = r.nextDouble() < rates[segment] ? 1 : 0;
        }
        return x;
    }

    /** Alarms before the change, runs without an alarm within maxDelay after it, and the delays of the first alarms. */
    private record Score(int falseAlarms, int missed, List<Long> delays) {
        double meanDelay() {
            return delays.stream().mapToLong(Long::longValue).average().orElseThrow();
        }
    }

    private static Score score(Supplier<ChangeDetector> detector, int runs, int length, int change, double before,
                               double after, int maxDelay) {
        int falseAlarms = 0;
        int missed = 0;
        List<Long> delays = new ArrayList<>();
        for (int seed = 0; seed < runs; seed++) {
            double[] s = errorStream(seed, length, new int[] {change}, new double[] {before, after});
            StreamScan scan = StreamScan.run(detector.get(), s);
            falseAlarms += (int) scan.changes().stream().filter(at -> at < change).count();
            java.util.Optional<Long> hit = scan.changes().stream().filter(at -> at >= change && at < change + maxDelay)
                    .findFirst();
            if (hit.isEmpty()) {
                missed++;
            } else {
                delays.add(hit.get() - change);
            }
        }
        return new Score(falseAlarms, missed, delays);
    }

    @Test
    void adwinFindsAnAbruptRiseInTheErrorRateSoonAfterItHappens() {
        Score s = score(Adwin::new, 30, 4000, 2000, 0.2, 0.5, 1000);
        assertThat(s.missed()).isZero();
        assertThat(s.falseAlarms()).isLessThanOrEqualTo(1);
        // checks run every 32 values, so the first chance after the change is at most 32 values away
        assertThat(s.meanDelay()).isBetween(32.0, 250.0);
    }

    @Test
    void adwinSignalsAtTheSameIndexesAsMoasAdwinOnTheSameStream() {
        for (int seed = 0; seed < 20; seed++) {
            double[] s = errorStream(seed, 6000, new int[] {1500, 3000, 4500}, new double[] {0.1, 0.4, 0.15, 0.5});
            StreamScan ours = StreamScan.run(new Adwin(0.002), s);
            moa.classifiers.core.driftdetection.ADWIN moa = new moa.classifiers.core.driftdetection.ADWIN(0.002);
            List<Long> theirs = new ArrayList<>();
            for (int i = 0; i < s.length; i++) {
                if (moa.setInput(s[i])) {
                    theirs.add((long) i);
                }
            }
            assertThat(ours.changes()).as("seed " + seed).isEqualTo(theirs);
        }
    }

    @Test
    void ddmSignalsAtTheSameIndexesAsMoasDdm() {
        for (int seed = 0; seed < 20; seed++) {
            double[] s = errorStream(seed, 6000, new int[] {2000, 4000}, new double[] {0.2, 0.5, 0.1});
            moa.classifiers.core.driftdetection.DDM moa = new moa.classifiers.core.driftdetection.DDM();
            moa.prepareForUse();
            List<Long> theirs = new ArrayList<>();
            for (int i = 0; i < s.length; i++) {
                moa.input(s[i]);
                if (moa.getChange()) {
                    theirs.add((long) i);
                }
            }
            assertThat(StreamScan.run(new Ddm(), s).changes()).as("seed " + seed).isEqualTo(theirs);
        }
    }

    @Test
    void adwinKeepsTheWholeWindowOfAStationaryStream() {
        Adwin adwin = new Adwin();
        double[] s = errorStream(99, 20_000, new int[0], new double[] {0.3});
        StreamScan scan = StreamScan.run(adwin, s);
        assertThat(scan.changes()).isEmpty();
        assertThat(adwin.width()).isEqualTo(20_000);
        assertThat(adwin.mean()).isBetween(0.28, 0.32);
    }

    @Test
    void pageHinkleyFindsARiseAndIgnoresAFall() {
        Score rise = score(PageHinkley::new, 30, 4000, 2000, 0.2, 0.6, 1000);
        assertThat(rise.missed()).isZero();
        assertThat(rise.falseAlarms()).isZero();
        // the deviation grows by about (0.6 - running mean - delta) per value after the change
        assertThat(rise.meanDelay()).isBetween(60.0, 300.0);
        double[] fall = errorStream(5, 4000, new int[] {2000}, new double[] {0.6, 0.2});
        assertThat(StreamScan.run(new PageHinkley(), fall).changes()).isEmpty();
        PageHinkley both = new PageHinkley(30, 0.005, 50, 0.9999, PageHinkley.Direction.BOTH);
        assertThat(StreamScan.run(both, fall).changes()).isNotEmpty().allMatch(i -> i >= 2000);
    }

    @Test
    void ddmWarnsBeforeItSignalsARise() {
        Score s = score(Ddm::new, 30, 4000, 2000, 0.2, 0.5, 1000);
        assertThat(s.missed()).isLessThanOrEqualTo(2);
        // DDM is known to fire early while its error estimate still rests on few values
        assertThat(s.falseAlarms()).isLessThanOrEqualTo(15);
        double[] one = errorStream(1, 4000, new int[] {2000}, new double[] {0.1, 0.4});
        StreamScan scan = StreamScan.run(new Ddm(), one);
        long change = scan.changes().stream().filter(i -> i >= 2000).findFirst().orElseThrow();
        assertThat(scan.warnings()).anyMatch(w -> w >= 2000 && w <= change);
    }

    @Test
    void badSettingsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Adwin(0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PageHinkley(30, 0.005, 0, 0.9999,
                PageHinkley.Direction.UP)).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Ddm(30, 3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
