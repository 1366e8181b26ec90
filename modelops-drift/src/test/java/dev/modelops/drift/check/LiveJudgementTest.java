package dev.modelops.drift.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelops.core.data.Table;
import dev.modelops.drift.live.LiveBatches;
import dev.modelops.ml.FeatureEncoder;
import dev.modelops.ml.TaskKind;
import dev.modelops.ml.TribuoData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;

/**
 * A model server's view and the scheduled job's view of the same served rows agree: rows fed
 * request by request into {@link CurrentData} with the model's answers, judged, give the same
 * verdicts and numbers as the batch file those rows were written to, checked from disk.
 */
class LiveJudgementTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void servedRowsJudgedLiveEqualTheirBatchCheckedFromDisk() {
        ArrestsFixture f = ArrestsFixture.get();
        DriftCheck check = f.check(DriftSettings.defaults());
        List<String> features = f.model.features();
        Table all = f.data.table();
        CurrentData live = check.newCurrentData();
        LiveBatches batches = new LiveBatches(dir, features, 100_000);
        // the 2000 rows as requests of up to 97 rows, features only, answered by the model
        List<String[]> request = new ArrayList<>();
        for (int r = 0; r < all.size(); r++) {
            if ((int) all.number(r, "year") == 2000) {
                String[] row = new String[features.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = all.text(r, features.get(c));
                }
                request.add(row);
            }
            if (request.size() == 97 || (r == all.size() - 1 && !request.isEmpty())) {
                Table rows = new Table(features, request);
                FeatureEncoder encoder = new FeatureEncoder(f.dataset, features, rows);
                List<Example> examples = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    examples.add(TribuoData.example(encoder, rows, i, TaskKind.CLASSIFICATION));
                }
                List<Prediction<?>> answers = ((Model) f.trained).predict((Iterable) examples);
                live.add(rows, "request", check.predictor(), answers);
                batches.append(rows);
                request = new ArrayList<>();
            }
        }
        Path batch = batches.rotate().orElseThrow();
        DriftReport fromDisk = check.check(batch);
        DriftReport judged = check.judge(live.copy(), new DriftReport.Batch("live", null, null, 0, false));

        assertThat(judged.batch().rows()).isEqualTo(fromDisk.batch().rows()).isEqualTo(live.rows()).isEqualTo(1270);
        assertThat(judged.drift()).isTrue().isEqualTo(fromDisk.drift());
        assertThat(judged.features()).usingRecursiveFieldByFieldElementComparator().isEqualTo(fromDisk.features());
        assertThat(judged.prediction()).usingRecursiveFieldByFieldElementComparator().isEqualTo(fromDisk.prediction());
        assertThat(judged.datasetDrift()).isEqualTo(fromDisk.datasetDrift());
        assertThat(judged.datasetDrift().driftedFeatures()).containsExactly("citizen");
        assertThat(judged.domain().auc()).isEqualTo(fromDisk.domain().auc());
        assertThat(judged.reasons()).isEqualTo(fromDisk.reasons());
        // the copy judged was independent: the live data keeps its rows, a second judgement is the same
        assertThat(check.judge(live.copy(), judged.batch()).features()).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(judged.features());
    }
}
