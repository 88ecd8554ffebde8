/**
 * An error a task's script raises: one class for every name (Java cannot make a class per
 * name without generating bytecode), carrying the name it stands for. A fresh object each
 * time, so identity tells which script made it. No stack trace: none is ever shown.
 */
final class ScriptError extends RuntimeException {
    final String name;

    ScriptError(String name, String message) {
        super(message, null, false, false);
        this.name = name;
    }
}
