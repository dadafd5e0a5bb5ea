package io.teg.cli;
public final class TegCommand { public static void main(String[] a) {} }
