package dev.modelops.steps.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelops.core.InputError;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImagesTest {
    @TempDir
    Path dir;

    /** Three 4x4 images whose pixel (r, c) is image*100 + r*4 + c, written as gzipped IDX. */
    private Path[] write(boolean gzip) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(images);
        out.writeInt(0x00000803);
        out.writeInt(3);
        out.writeInt(4);
        out.writeInt(4);
        for (int i = 0; i < 3; i++) {
            for (int p = 0; p < 16; p++) {
                out.writeByte(i * 100 + p);
            }
        }
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream l = new DataOutputStream(labels);
        l.writeInt(0x00000801);
        l.writeInt(3);
        l.writeByte(2);
        l.writeByte(0);
        l.writeByte(1);
        Path img = dir.resolve(gzip ? "img.gz" : "img");
        Path lab = dir.resolve(gzip ? "lab.gz" : "lab");
        store(img, images.toByteArray(), gzip);
        store(lab, labels.toByteArray(), gzip);
        return new Path[] {img, lab};
    }

    private static void store(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            o.write(bytes);
        }
    }

    @Test
    void readsGzippedAndPlainIdxAndDownsamplesByBlockAverage() throws IOException {
        for (boolean gzip : new boolean[] {true, false}) {
            Path[] f = write(gzip);
            IdxImages images = IdxImages.read(f[0], f[1]);
            assertThat(images.size()).isEqualTo(3);
            assertThat(images.rows()).isEqualTo(4);
            assertThat(images.labels()).containsExactly(2, 0, 1);
            assertThat(images.pixels()[2][5]).isEqualTo(205);
            IdxImages small = images.downsample(2);
            assertThat(small.rows()).isEqualTo(2);
            // top-left block of image 1: 100, 101, 104, 105 -> 102.5 -> 103 (rounded half up)
            assertThat(small.pixels()[1][0]).isEqualTo(103);
            assertThat(small.pixelNames()).containsExactly("p0_0", "p0_1", "p1_0", "p1_1");
        }
    }

    @Test
    void writesScaledCsvWithPartsAndClassNames() throws IOException {
        Path[] f = write(true);
        IdxImages images = IdxImages.read(f[0], f[1]).downsample(2);
        Map<String, IdxImages> parts = new LinkedHashMap<>();
        parts.put("train", images.sample(2, 1));
        parts.put("test", images.sample(1, 2));
        Path csv = dir.resolve("out.csv");
        IdxImages.writeCsv(csv, List.of("zero", "one", "two"), parts);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("label,part,p0_0,p0_1,p1_0,p1_1");
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(1, 3)).allMatch(l -> l.contains(",train,"));
        assertThat(lines.get(3)).contains(",test,");
        assertThat(IdxImages.scaled(0)).isEqualTo("0");
        assertThat(IdxImages.scaled(255)).isEqualTo("1");
        assertThat(IdxImages.scaled(128)).isEqualTo("0.5");
        assertThat(IdxImages.scaled(3)).isEqualTo("0.01");
    }

    @Test
    void rejectsWrongMagicAndMismatchedCounts() throws IOException {
        Path[] f = write(false);
        assertThatThrownBy(() -> IdxImages.read(f[1], f[1])).isInstanceOf(InputError.class)
                .hasMessageContaining("not an IDX image file");
        Path truncated = dir.resolve("short");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(f[0]), 30));
        assertThatThrownBy(() -> IdxImages.read(truncated, f[1])).hasMessageContaining("truncated");
    }
}
