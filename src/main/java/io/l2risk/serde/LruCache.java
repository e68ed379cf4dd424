package io.l2risk.serde;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small thread-safe map that forgets its least recently used entry beyond a fixed capacity.
 *
 * <p>Registry answers are immutable (an id always names the same schema), so entries never expire;
 * the bound only protects against a producer that invents schemas endlessly.
 */
final class LruCache<K, V> {

    private final Map<K, V> map;

    LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be >= 1, was " + capacity);
        }
        this.map = new LinkedHashMap<>(Math.min(capacity, 64), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized int size() {
        return map.size();
    }
}
