package io.l2risk.ingest.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * A canonical Solidity ABI type as a tree: an elementary type ({@code uint64}, {@code address},
 * {@code bytes}, ...), a fixed or dynamic array of a type, or a tuple. Parsed from the canonical
 * strings {@code EventSignature} holds ({@code "(bytes32[2],uint64[2])"}, {@code "uint256[]"}).
 */
sealed interface AbiType {

    /** Whether the type is encoded out of line (behind an offset) in the ABI encoding. */
    boolean dynamic();

    /** The bytes the type takes in the head of an enclosing tuple: 32 for dynamic types (the offset). */
    int headSize();

    /** An elementary type: {@code uintN}, {@code intN}, {@code address}, {@code bool}, {@code bytesN}, {@code bytes}, {@code string}. */
    record Elementary(String name) implements AbiType {
        @Override
        public boolean dynamic() {
            return name.equals("bytes") || name.equals("string");
        }

        @Override
        public int headSize() {
            return 32;
        }
    }

    /** {@code element[length]}, or {@code element[]} when {@code length} is -1. */
    record Array(AbiType element, int length) implements AbiType {
        @Override
        public boolean dynamic() {
            return length < 0 || element.dynamic();
        }

        @Override
        public int headSize() {
            return dynamic() ? 32 : length * element.headSize();
        }
    }

    /** {@code (a,b,...)}. */
    record Tuple(List<AbiType> components) implements AbiType {
        public Tuple {
            components = List.copyOf(components);
        }

        @Override
        public boolean dynamic() {
            return components.stream().anyMatch(AbiType::dynamic);
        }

        @Override
        public int headSize() {
            return dynamic() ? 32 : components.stream().mapToInt(AbiType::headSize).sum();
        }
    }

    /**
     * Parses a canonical type.
     *
     * @throws IllegalArgumentException if {@code text} is not one
     */
    static AbiType parse(String text) {
        String t = text.strip();
        if (t.endsWith("]")) {
            int open = t.lastIndexOf('[');
            if (open < 0) {
                throw new IllegalArgumentException("bad ABI type: " + text);
            }
            String length = t.substring(open + 1, t.length() - 1);
            return new Array(parse(t.substring(0, open)), length.isEmpty() ? -1 : Integer.parseInt(length));
        }
        if (t.startsWith("(")) {
            if (!t.endsWith(")")) {
                throw new IllegalArgumentException("bad ABI tuple: " + text);
            }
            return new Tuple(splitTopLevel(t.substring(1, t.length() - 1)).stream().map(AbiType::parse).toList());
        }
        if (t.isEmpty() || !t.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("bad ABI type: " + text);
        }
        return new Elementary(t);
    }

    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        if (body.isEmpty()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }
}
