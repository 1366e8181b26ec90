package dev.modelops.core.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Spec enums are written in lower case in YAML ({@code platform: kubernetes}); one parser for all. */
public final class YamlEnums {
    private YamlEnums() {
    }

    public static String yamlName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose YAML name is {@code text}; an IllegalArgumentException lists the choices. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (yamlName(e).equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("expected one of " + known(type) + ", got '" + text + "'");
    }

    public static String known(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(YamlEnums::yamlName).collect(Collectors.joining(", "));
    }
}
