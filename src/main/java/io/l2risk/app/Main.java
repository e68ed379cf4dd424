package io.l2risk.app;

public final class Main {
    public static void main(String[] args) {
    }
}
