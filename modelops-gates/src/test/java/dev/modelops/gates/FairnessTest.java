package dev.modelops.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessTest {
    /** Rows of (group, actual, predicted) repeated n times. */
    private static void add(List<String[]> rows, int n, String group, String actual, String predicted) {
        for (int i = 0; i < n; i++) {
            rows.add(new String[] {group, actual, predicted});
        }
    }

    private static FairnessReport compute(List<String[]> rows, int min) {
        String[] g = rows.stream().map(r -> r[0]).toArray(String[]::new);
        String[] a = rows.stream().map(r -> r[1]).toArray(String[]::new);
        String[] p = rows.stream().map(r -> r[2]).toArray(String[]::new);
        return Fairness.compute("colour", List.of("W"), "yes", min, g, a, p);
    }

    @Test
    void aif360DefinitionsOnKnownCounts() {
        List<String[]> rows = new ArrayList<>();
        // privileged W: 100 rows, 60 actual yes; predicted yes: 50 of the positives, 10 of the negatives
        add(rows, 50, "W", "yes", "yes");
        add(rows, 10, "W", "yes", "no");
        add(rows, 10, "W", "no", "yes");
        add(rows, 30, "W", "no", "no");
        // unprivileged B: 50 rows, 30 actual yes; predicted yes: 15 of the positives, 5 of the negatives
        add(rows, 15, "B", "yes", "yes");
        add(rows, 15, "B", "yes", "no");
        add(rows, 5, "B", "no", "yes");
        add(rows, 15, "B", "no", "no");
        FairnessReport f = compute(rows, 10);
        // selection rates: W 60/100 = 0.6, B 20/50 = 0.4
        assertThat(f.metric(Fairness.DISPARATE_IMPACT)).isCloseTo(0.4 / 0.6, within(1e-12));
        assertThat(f.metric(Fairness.STATISTICAL_PARITY_DIFFERENCE)).isCloseTo(-0.2, within(1e-12));
        // TPR: W 50/60, B 15/30; FPR: W 10/40, B 5/20
        assertThat(f.metric(Fairness.EQUAL_OPPORTUNITY_DIFFERENCE)).isCloseTo(0.5 - 50.0 / 60, within(1e-12));
        assertThat(f.metric(Fairness.AVERAGE_ODDS_DIFFERENCE))
                .isCloseTo(0.5 * ((0.25 - 0.25) + (0.5 - 50.0 / 60)), within(1e-12));
        assertThat(f.groups()).extracting(GroupStats::group).containsExactly("B", "W");
        GroupStats b = f.groups().get(0);
        assertThat(b.size()).isEqualTo(50);
        assertThat(b.predictedFavorable()).isEqualTo(20);
        assertThat(b.role()).isEqualTo("unprivileged");
        assertThat(b.disparateImpact()).isCloseTo(0.4 / 0.6, within(1e-12));
        assertThat(f.groups().get(1).disparateImpact()).isEqualTo(1.0);
        assertThat(f.unprivilegedPool().disparateImpact()).isEqualTo(f.metric(Fairness.DISPARATE_IMPACT));
        assertThat(f.privilegedPool().disparateImpact()).isEqualTo(1.0);
        assertThat(f.inconclusive()).isEmpty();
    }

    @Test
    void eachUnprivilegedGroupIsComparedWithThePrivilegedPool() {
        List<String[]> rows = new ArrayList<>();
        add(rows, 40, "W", "yes", "yes");
        add(rows, 10, "W", "no", "no");
        add(rows, 20, "A", "yes", "yes");
        add(rows, 20, "A", "yes", "no");
        add(rows, 45, "B", "yes", "yes");
        add(rows, 5, "B", "no", "no");
        FairnessReport f = compute(rows, 10);
        assertThat(f.groups().stream().filter(g -> g.group().equals("A")).findFirst().orElseThrow().disparateImpact())
                .isCloseTo(0.5 / 0.8, within(1e-12));
        assertThat(f.groups().stream().filter(g -> g.group().equals("B")).findFirst().orElseThrow().disparateImpact())
                .isCloseTo(0.9 / 0.8, within(1e-12));
        // the pooled metric follows AIF360: all unprivileged rows together (65 of 90 selected)
        assertThat(f.metric(Fairness.DISPARATE_IMPACT)).isCloseTo((65.0 / 90) / 0.8, within(1e-12));
    }

    @Test
    void tinyGroupsAreInconclusiveWithTheirSizes() {
        List<String[]> rows = new ArrayList<>();
        add(rows, 100, "W", "yes", "yes");
        add(rows, 3, "B", "yes", "no");
        FairnessReport f = compute(rows, 30);
        assertThat(f.metric(Fairness.DISPARATE_IMPACT)).isNaN();
        assertThat(f.inconclusive().get(Fairness.DISPARATE_IMPACT))
                .contains("unprivileged group has 3 rows").contains("privileged group 100").contains("minimum 30");
        assertThat(f.metrics().get(Fairness.DISPARATE_IMPACT)).isNull();
    }

    @Test
    void emptyGroupsAndZeroPrivilegedRateNeverCrash() {
        List<String[]> onlyPrivileged = new ArrayList<>();
        add(onlyPrivileged, 50, "W", "yes", "yes");
        FairnessReport f = compute(onlyPrivileged, 1);
        assertThat(f.unprivilegedPool().size()).isZero();
        assertThat(f.metric(Fairness.DISPARATE_IMPACT)).isNaN();
        assertThat(f.inconclusive().get(Fairness.DISPARATE_IMPACT)).contains("unprivileged group has 0 rows");

        List<String[]> noneSelected = new ArrayList<>();
        add(noneSelected, 50, "W", "yes", "no");
        add(noneSelected, 50, "B", "yes", "yes");
        FairnessReport z = compute(noneSelected, 1);
        assertThat(z.metric(Fairness.DISPARATE_IMPACT)).isNaN();
        assertThat(z.inconclusive().get(Fairness.DISPARATE_IMPACT)).contains("no favourable predictions");
        assertThat(z.metric(Fairness.STATISTICAL_PARITY_DIFFERENCE)).isCloseTo(1.0, within(1e-12));
        assertThat(z.inconclusive().get(Fairness.AVERAGE_ODDS_DIFFERENCE)).contains("false positive rate");
    }

    @Test
    void rowsWithoutTheAttributeJoinNeitherSide() {
        List<String[]> rows = new ArrayList<>();
        add(rows, 40, "W", "yes", "yes");
        add(rows, 40, "B", "yes", "no");
        add(rows, 40, "B", "yes", "yes");
        add(rows, 7, null, "yes", "no");
        FairnessReport f = compute(rows, 10);
        assertThat(f.missingAttribute()).isEqualTo(7);
        assertThat(f.unprivilegedPool().size()).isEqualTo(80);
        assertThat(f.groups()).extracting(GroupStats::group).contains(Fairness.MISSING_GROUP);
        assertThat(f.metric(Fairness.DISPARATE_IMPACT)).isCloseTo(0.5, within(1e-12));
    }
}
