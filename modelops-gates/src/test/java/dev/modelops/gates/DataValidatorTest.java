package dev.modelops.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataValidatorTest {
    @TempDir
    Path dir;

    private static CheckResult check(DataValidator.Result r, String name) {
        return r.checks().stream().filter(c -> c.check().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theArrestsDataMatchesItsSchema() {
        DataValidator.Result r = DataValidator.validate(Arrests.dataset(), Arrests.CSV, DataRules.defaults(), "released");
        assertThat(r.status()).isEqualTo(Verdict.PASS);
        assertThat(r.checks()).extracting(CheckResult::check).containsExactly(DataValidator.COLUMNS, DataValidator.UNEXPECTED,
                DataValidator.TYPES, DataValidator.MISSING, DataValidator.RANGES, DataValidator.CATEGORIES,
                DataValidator.DUPLICATES, DataValidator.LABEL_BALANCE);
        // duplicates are measured and reported even when not limited
        assertThat(check(r, DataValidator.DUPLICATES).reason()).contains("2347 of 5226 rows").contains("not limited");
        assertThat(check(r, DataValidator.LABEL_BALANCE).reason()).contains("rarest class 'No'");
        // nothing left out, so no "not checked" note
        assertThat(check(r, DataValidator.RANGES).reason())
                .isEqualTo("every value of the 3 columns with a declared min/max is within it");
        assertThat(check(r, DataValidator.MISSING).reason()).isEqualTo("no declared column has missing values");
    }

    @Test
    void aRenamedColumnIsNamedWithItsLikelyNewName() throws Exception {
        Path file = Arrests.variant(dir, "renamed.csv", h -> h.replace("\"colour\"", "\"race\""), (i, l) -> l);
        DataValidator.Result r = DataValidator.validate(Arrests.dataset(), file, DataRules.defaults(), "released");
        assertThat(r.status()).isEqualTo(Verdict.FAIL);
        CheckResult columns = check(r, DataValidator.COLUMNS);
        assertThat(columns.status()).isEqualTo(Verdict.FAIL);
        assertThat(columns.reason()).contains("column 'colour' (declared categorical) is missing from the header of renamed.csv")
                .contains("undeclared column 'race' (renamed?)");
        assertThat(check(r, DataValidator.UNEXPECTED).status()).isEqualTo(Verdict.WARN);
        assertThat(check(r, DataValidator.UNEXPECTED).reason()).contains("'race'");
        // the checks that pass say they could not look at the absent column
        CheckResult missing = check(r, DataValidator.MISSING);
        assertThat(missing.status()).isEqualTo(Verdict.PASS);
        assertThat(missing.reason()).isEqualTo(
                "none of the 7 checkable declared columns has missing values (colour not checked: missing from the file)");
        assertThat(check(r, DataValidator.CATEGORIES).reason()).isEqualTo("every value of the 4 checkable categorical columns"
                + " with declared values is one of them (colour not checked: missing from the file)");
    }

    @Test
    void anAbsentNumericColumnIsLeftOutOfTypesAndRangesByName() throws Exception {
        Path file = Arrests.variant(dir, "noage.csv", h -> h.replace("\"age\"", "\"years\""), (i, l) -> l);
        DataValidator.Result r = DataValidator.validate(Arrests.dataset(), file, DataRules.defaults(), "released");
        assertThat(check(r, DataValidator.TYPES).reason()).isEqualTo("every value of the present numeric columns of noage.csv"
                + " is a number of its declared type (age not checked: missing from the file)");
        assertThat(check(r, DataValidator.RANGES).reason()).isEqualTo("every value of the 2 checkable columns with a declared"
                + " min/max is within it (age not checked: missing from the file)");
        assertThat(check(r, DataValidator.MISSING).reason()).endsWith("(age not checked: missing from the file)");
    }

    @Test
    void aTypeChangeIsNamedWithExamplesAndLines() throws Exception {
        // age recorded as bands instead of years
        Path file = Arrests.variant(dir, "typed.csv", UnaryOperator.identity(), (i, l) -> {
            int age = Integer.parseInt(l.split(",")[3]);
            return Arrests.setField(l, 3, age < 25 ? "\"under 25\"" : "\"25+\"");
        });
        DataValidator.Result r = DataValidator.validate(Arrests.dataset(), file, DataRules.defaults(), "released");
        CheckResult types = check(r, DataValidator.TYPES);
        assertThat(types.status()).isEqualTo(Verdict.FAIL);
        assertThat(types.reason()).startsWith("column 'age' (declared integer): 5226 of 5226 values are not numbers, e.g. '")
                .contains("(line 2)");
        assertThat(types.value()).isEqualTo(5226.0);
        assertThat(r.status()).isEqualTo(Verdict.FAIL);
        // ranges cannot judge a column without numbers, and says so instead of passing it silently
        CheckResult ranges = check(r, DataValidator.RANGES);
        assertThat(ranges.status()).isEqualTo(Verdict.PASS);
        assertThat(ranges.reason()).isEqualTo(
                "every value of the 2 checkable columns with a declared min/max is within it (age not checked: not numeric)");
    }

    @Test
    void aPartlyTextColumnHasItsNumbersRangeCheckedAndTheRestNamed() throws Exception {
        // every 10th age is text, one numeric age is out of range
        Path file = Arrests.variant(dir, "partly.csv", UnaryOperator.identity(), (i, l) -> i % 10 == 0
                ? Arrests.setField(l, 3, "\"unknown\"") : i == 1 ? Arrests.setField(l, 3, "150") : l);
        DataValidator.Result r = DataValidator.validate(Arrests.dataset(), file, DataRules.defaults(), "released");
        assertThat(check(r, DataValidator.RANGES).status()).isEqualTo(Verdict.FAIL);
        assertThat(check(r, DataValidator.RANGES).reason()).isEqualTo("column 'age': 1 value outside [0, 120], e.g. 150 (line 3)"
                + " (age partly checked: 523 of 5226 values are not numbers)");
        Path clean = Arrests.variant(dir, "partly-clean.csv", UnaryOperator.identity(),
                (i, l) -> i % 10 == 0 ? Arrests.setField(l, 3, "\"unknown\"") : l);
        DataValidator.Result ok = DataValidator.validate(Arrests.dataset(), clean, DataRules.defaults(), "released");
        assertThat(check(ok, DataValidator.RANGES).reason()).isEqualTo("every numeric value of the 3 columns with a declared"
                + " min/max is within it (age partly checked: 523 of 5226 values are not numbers)");
    }

    @Test
    void aThirtyPercentMissingColumnIsNamedWithItsShare() throws Exception {
        Path file = Arrests.variant(dir, "missing.csv", UnaryOperator.identity(),
                (i, l) -> i % 10 < 3 ? Arrests.setField(l, 5, "") : l);
        DataValidator.Result r = DataValidator.validate(Arrests.dataset(), file, DataRules.defaults(), "released");
        CheckResult missing = check(r, DataValidator.MISSING);
        assertThat(missing.status()).isEqualTo(Verdict.FAIL);
        assertThat(missing.reason()).isEqualTo("column 'employed': 30.0% missing (1569 of 5226 rows), above the limit 5.0%");
        assertThat(missing.value()).isCloseTo(1569.0 / 5226, org.assertj.core.api.Assertions.within(1e-12));
        // the other checks still judge the rest of the file
        assertThat(check(r, DataValidator.TYPES).status()).isEqualTo(Verdict.PASS);
    }

    @Test
    void perColumnLimitsAndLevelsApply() throws Exception {
        Path file = Arrests.variant(dir, "missing.csv", UnaryOperator.identity(),
                (i, l) -> i % 10 < 3 ? Arrests.setField(l, 5, "NA") : l);
        DataRules lenient = new DataRules(new DataRules.Threshold(0.05, Level.WARN), Map.of("employed", 0.35),
                new DataRules.Threshold(0.0, Level.WARN), new DataRules.Threshold(0.2, Level.FAIL), Level.WARN, Level.FAIL,
                Level.FAIL, null);
        DataValidator.Result r = DataValidator.validate(Arrests.dataset(), file, lenient, "released");
        assertThat(check(r, DataValidator.MISSING).status()).isEqualTo(Verdict.PASS);
        assertThat(check(r, DataValidator.DUPLICATES).status()).isEqualTo(Verdict.WARN);
        // 'No' is 17% of the labels, below the declared 20%
        assertThat(check(r, DataValidator.LABEL_BALANCE).status()).isEqualTo(Verdict.FAIL);
        assertThat(check(r, DataValidator.LABEL_BALANCE).reason()).contains("below the minimum 20.0%");
    }

    @Test
    void rangesAndCategoriesNameTheOffendingValues() throws Exception {
        Path file = Arrests.variant(dir, "values.csv", UnaryOperator.identity(), (i, l) -> i == 0
                ? Arrests.setField(Arrests.setField(l, 3, "150"), 4, "\"M\"") : l);
        DataValidator.Result r = DataValidator.validate(Arrests.dataset(), file, DataRules.defaults(), null);
        assertThat(check(r, DataValidator.RANGES).reason()).isEqualTo("column 'age': 1 value outside [0, 120], e.g. 150 (line 2)");
        assertThat(check(r, DataValidator.CATEGORIES).reason())
                .isEqualTo("column 'sex': 1 value outside the declared categories [Female, Male]: 'M' (1 rows)");
        assertThat(r.checks()).extracting(CheckResult::check).doesNotContain(DataValidator.LABEL_BALANCE);
    }

    @Test
    void anUnreadableFileIsOneFailingCheckNotACrash() throws Exception {
        Path file = dir.resolve("ragged.csv");
        java.nio.file.Files.write(file, List.of("a,b", "1,2", "3"));
        DataValidator.Result r = DataValidator.validate(Arrests.dataset(), file, DataRules.defaults(), null);
        assertThat(r.table()).isNull();
        assertThat(r.checks()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Verdict.FAIL);
            assertThat(c.reason()).contains("ragged.csv:3").contains("expected 2 fields");
        });
    }
}
