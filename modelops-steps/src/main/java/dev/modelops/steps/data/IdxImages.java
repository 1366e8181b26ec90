package dev.modelops.steps.data;

import dev.modelops.core.InputError;
import dev.modelops.core.util.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Images and labels in the IDX format of MNIST and Fashion-MNIST (LeCun et al.): a big-endian
 * magic number ({@code 0x00000803} for a 3-d unsigned-byte array of images, {@code 0x00000801}
 * for labels), the dimension sizes as big-endian ints, then the unsigned bytes. Gzipped files are
 * read directly. Used to cut the small CSV subsets examples and CI train on.
 *
 * @param rows image height
 * @param columns image width
 * @param pixels one array per image, row-major, 0..255
 * @param labels class index of each image
 */
public record IdxImages(int rows, int columns, int[][] pixels, int[] labels) {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    /** Reads an image file and its label file (gzipped or not). */
    public static IdxImages read(Path images, Path labels) {
        int[][] pixels;
        int rows;
        int columns;
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new InputError(images.toString(), String.format(
                        "not an IDX image file: magic number 0x%08x, expected 0x%08x", magic, IMAGES_MAGIC));
            }
            int n = in.readInt();
            rows = in.readInt();
            columns = in.readInt();
            if (n < 0 || rows <= 0 || columns <= 0) {
                throw new InputError(images.toString(), "bad IDX dimensions " + n + "x" + rows + "x" + columns);
            }
            pixels = new int[n][rows * columns];
            byte[] buffer = new byte[rows * columns];
            for (int i = 0; i < n; i++) {
                in.readFully(buffer);
                for (int p = 0; p < buffer.length; p++) {
                    pixels[i][p] = buffer[p] & 0xff;
                }
            }
        } catch (EOFException e) {
            throw new InputError(images.toString(), "truncated IDX file: fewer images than its header declares");
        } catch (IOException e) {
            throw new InputError(images.toString(), "cannot read: " + e.getMessage());
        }
        int[] classes;
        try (DataInputStream in = open(labels)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new InputError(labels.toString(), String.format(
                        "not an IDX label file: magic number 0x%08x, expected 0x%08x", magic, LABELS_MAGIC));
            }
            int n = in.readInt();
            if (n != pixels.length) {
                throw new InputError(labels.toString(), n + " labels for " + pixels.length + " images in " + images);
            }
            classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = in.readUnsignedByte();
            }
        } catch (EOFException e) {
            throw new InputError(labels.toString(), "truncated IDX file: fewer labels than its header declares");
        } catch (IOException e) {
            throw new InputError(labels.toString(), "cannot read: " + e.getMessage());
        }
        return new IdxImages(rows, columns, pixels, classes);
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputError(file.toString(), "file not found");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        InputStream in = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(raw) : raw;
        return new DataInputStream(new BufferedInputStream(in));
    }

    public int size() {
        return labels.length;
    }

    /** Images shrunk by averaging {@code factor x factor} blocks (28x28 by 2 gives 14x14). */
    public IdxImages downsample(int factor) {
        if (factor < 1 || rows % factor != 0 || columns % factor != 0) {
            throw new IllegalArgumentException("cannot downsample " + rows + "x" + columns + " by " + factor);
        }
        int r2 = rows / factor;
        int c2 = columns / factor;
        int[][] out = new int[pixels.length][r2 * c2];
        for (int i = 0; i < pixels.length; i++) {
            for (int r = 0; r < r2; r++) {
                for (int c = 0; c < c2; c++) {
                    int sum = 0;
                    for (int dr = 0; dr < factor; dr++) {
                        for (int dc = 0; dc < factor; dc++) {
                            sum += pixels[i][(r * factor + dr) * columns + c * factor + dc];
                        }
                    }
                    out[i][r * c2 + c] = Math.round((float) sum / (factor * factor));
                }
            }
        }
        return new IdxImages(r2, c2, out, labels.clone());
    }

    /** A seeded random sample of {@code count} images (all when there are fewer), in file order. */
    public IdxImages sample(int count, long seed) {
        int n = size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] picked = Arrays.copyOf(order, Math.min(count, n));
        Arrays.sort(picked);
        int[][] p = new int[picked.length][];
        int[] l = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            p[i] = pixels[picked[i]];
            l[i] = labels[picked[i]];
        }
        return new IdxImages(rows, columns, p, l);
    }

    /** Column name of a pixel: {@code p<row>_<column>}. */
    public static String pixelName(int row, int column) {
        return "p" + row + "_" + column;
    }

    /** Pixel column names in row-major order. */
    public List<String> pixelNames() {
        List<String> names = new ArrayList<>(rows * columns);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                names.add(pixelName(r, c));
            }
        }
        return names;
    }

    /** A pixel value scaled to [0, 1] and written with at most two decimals ("0", "0.5", "0.73", "1"). */
    public static String scaled(int value) {
        long hundredths = Math.round(value * 100.0 / 255.0);
        if (hundredths == 0) {
            return "0";
        }
        if (hundredths == 100) {
            return "1";
        }
        String s = hundredths < 10 ? "0.0" + hundredths : "0." + hundredths;
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Writes labelled parts as one CSV: {@code label,part,p0_0,...} with pixels scaled to [0, 1].
     *
     * @param file the CSV to write (atomically)
     * @param classNames label text of each class index
     * @param parts part name (e.g. train, test) to images, written in that order
     */
    public static void writeCsv(Path file, List<String> classNames, java.util.Map<String, IdxImages> parts) {
        StringBuilder sb = new StringBuilder();
        IdxImages first = parts.values().iterator().next();
        sb.append("label,part,").append(String.join(",", first.pixelNames())).append('\n');
        for (java.util.Map.Entry<String, IdxImages> e : parts.entrySet()) {
            IdxImages images = e.getValue();
            for (int i = 0; i < images.size(); i++) {
                int label = images.labels()[i];
                if (label >= classNames.size()) {
                    throw new InputError("--classes", "label " + label + " has no class name; " + classNames.size()
                            + " names given");
                }
                sb.append(classNames.get(label)).append(',').append(e.getKey());
                for (int v : images.pixels()[i]) {
                    sb.append(',').append(scaled(v));
                }
                sb.append('\n');
            }
        }
        AtomicFiles.write(file, sb.toString());
    }
}
