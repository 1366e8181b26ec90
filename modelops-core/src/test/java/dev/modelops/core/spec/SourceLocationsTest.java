package dev.modelops.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLocationsTest {
    @Test
    void indexesMapKeysListItemsAndNestedFields() throws Exception {
        String yaml = """
                models:
                  m:
                    trainer: cart
                pipelines:
                  - name: p
                    tasks:
                      - id: a
                        type: trainModel
                      - id: b
                        depends_on: [a, c]
                """;
        SourceLocations loc = SourceLocations.index("f.yaml", yaml);
        assertThat(loc.line("models.m.trainer")).isEqualTo(3);
        assertThat(loc.line("pipelines[0].name")).isEqualTo(5);
        assertThat(loc.line("pipelines[0].tasks[1].id")).isEqualTo(9);
        assertThat(loc.line("pipelines[0].tasks[1].depends_on[1]")).isEqualTo(10);
        // a field that was never written falls back to its nearest written ancestor
        assertThat(loc.line("pipelines[0].tasks[0].model")).isEqualTo(7);
        assertThat(loc.place("models.m.label")).isEqualTo("f.yaml:2");
    }
}
