package dev.example;

/** The sample application: what matters to the test is that its jar reaches the image intact. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("hello from the sample app");
  }
}
