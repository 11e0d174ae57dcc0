package dev.zmqkt;

import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What Java sees of the public API in package {@code dev.zmqkt}: no Kotlin internals (mangled names, synthetic
 * helpers, internal types, suspend functions), no mutable fields, no constructors meant for the library only.
 * Synthetic members are left out of the checks: javac does not let Java code call them.
 */
class JavaSurfaceTest {

    @Test
    void noPublicMemberHasAKotlinInternalName() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : publicApiClasses()) {
            for (Member m : javaVisibleMembers(c)) {
                String name = m instanceof Constructor ? "<init>" : m.getName();
                if (name.contains("$")) leaks.add(describe(c, m));
            }
        }
        assertEquals(List.of(), leaks, "public members with '$' in their names (Kotlin internal or synthetic)");
    }

    @Test
    void noPublicMemberTakesOrReturnsAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : publicApiClasses()) {
            for (Member m : javaVisibleMembers(c)) {
                List<Class<?>> types = new ArrayList<>();
                if (m instanceof Executable e) types.addAll(Arrays.asList(e.getParameterTypes()));
                if (m instanceof Method method) types.add(method.getReturnType());
                if (m instanceof Field f) types.add(f.getType());
                for (Class<?> t : types) {
                    if (t.getName().startsWith("dev.zmqkt.internal.")
                            || t.getName().equals("kotlin.coroutines.Continuation")) {
                        leaks.add(describe(c, m) + " uses " + t.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), leaks, "public members that expose internal types or a suspend function's continuation");
    }

    @Test
    void messagesAndFramesExposeNoFields() {
        for (Class<?> c : List.of(Message.class, Frame.class)) {
            List<String> fields = Arrays.stream(c.getFields())
                    .filter(f -> !f.isSynthetic() && !Modifier.isStatic(f.getModifiers()))
                    .map(Field::getName)
                    .collect(Collectors.toList());
            assertEquals(List.of(), fields, c.getSimpleName() + " has public instance fields");
        }
    }

    @Test
    void socketsAreMadeOnlyByTheirContext() {
        List<String> constructors = Arrays.stream(Socket.class.getDeclaredConstructors())
                .filter(k -> !k.isSynthetic() && (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())))
                .map(Constructor::toString)
                .collect(Collectors.toList());
        assertEquals(List.of(), constructors);
    }

    @Test
    void theSharedContextIsAStaticAndTheCompanionHasNothingElse() throws Exception {
        Method instance = Context.class.getMethod("instance");
        assertTrue(Modifier.isStatic(instance.getModifiers()));
        List<String> companionMethods = Arrays.stream(Context.Companion.getClass().getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && Modifier.isPublic(m.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toList());
        assertEquals(List.of("instance"), companionMethods);
    }

    @Test
    void booleanOptionsReadAsIsProperties() {
        List<String> getters = Arrays.stream(SocketOptions.class.getMethods())
                .filter(m -> m.getReturnType() == boolean.class && m.getParameterCount() == 0)
                .map(Method::getName)
                .filter(name -> !name.startsWith("is"))
                .collect(Collectors.toList());
        assertEquals(List.of(), getters, "boolean options should read isXxx() from Java");

        SocketOptions defaults = SocketOptions.defaults();
        assertFalse(defaults.isImmediate());
        defaults.setImmediate(true);
        assertTrue(defaults.isImmediate());
        try (Context context = new Context()) {
            Socket router = context.socket(SocketType.ROUTER);
            assertFalse(router.isRouterMandatory());
            router.setRouterMandatory(true);
            assertTrue(router.isRouterMandatory());
            assertFalse(router.isConflate());
            assertFalse(router.isIpv6());
            router.close();
        }
    }

    /** The leaks named in the issue, as Java code: each must fail to compile; the control must compile. */
    @Test
    void internalsDoNotCompileFromJava() throws Exception {
        assertEquals("", compile("Message m = Message.of(\"a\"); Frame f = m.get(0); int n = f.size();"),
                "the control snippet should compile");
        for (String leak : List.of(
                "Message m = Message.of(\"a\"); m.parts[0] = Frame.EMPTY;",
                "Frame f = Frame.of(\"a\"); byte[] a = f.array;",
                "Message m = new Message(new Frame[] {Frame.EMPTY});",
                "Socket s = new Socket(null, null);",
                "Object core = new Context().getCore$zmq_core();",
                "Message m = Message.single$zmq_core(Frame.EMPTY);",
                "new Context().terminate(null);")) {
            assertNotEquals("", compile(leak), "should not compile from Java: " + leak);
        }
    }

    // ---- helpers ----

    private static String describe(Class<?> c, Member m) {
        return c.getName() + ": " + m;
    }

    private static List<Member> javaVisibleMembers(Class<?> c) {
        List<Member> members = new ArrayList<>();
        members.addAll(Arrays.asList(c.getDeclaredMethods()));
        members.addAll(Arrays.asList(c.getDeclaredFields()));
        members.addAll(Arrays.asList(c.getDeclaredConstructors()));
        return members.stream()
                .filter(m -> !m.isSynthetic())
                .filter(m -> Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))
                .collect(Collectors.toList());
    }

    /** The public classes (top-level and nested) of package dev.zmqkt, read from where Context was loaded. */
    private static List<Class<?>> publicApiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve("dev/zmqkt"))) {
                names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                names = jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("dev/zmqkt/") && n.indexOf('/', "dev/zmqkt/".length()) < 0)
                        .map(n -> n.substring("dev/zmqkt/".length()))
                        .collect(Collectors.toList());
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String file : names) {
            if (!file.endsWith(".class")) continue;
            Class<?> c = Class.forName("dev.zmqkt." + file.substring(0, file.length() - 6), false,
                    Context.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers()) && !c.isSynthetic() && !c.isAnonymousClass()) classes.add(c);
        }
        assertTrue(classes.contains(Socket.class) && classes.contains(Message.class), "found " + classes);
        return classes;
    }

    /** Compiles {@code body} inside a method of a class in another package; returns javac's errors ("" if none). */
    private static String compile(String body) throws URISyntaxException, IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "needs a JDK");
        String source = "package user;\nimport dev.zmqkt.*;\nclass Snippet { void run() throws Exception { "
                + body + " } }\n";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///user/Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String classpath = Stream.of(Context.class, kotlin.Unit.class, kotlinx.coroutines.CoroutineDispatcher.class)
                .map(JavaSurfaceTest::locationOf)
                .collect(Collectors.joining(File.pathSeparator));
        Path out = Files.createTempDirectory("zmqkt-snippet");
        StringWriter errors = new StringWriter();
        try {
            boolean ok = javac.getTask(errors, null, null,
                    List.of("-classpath", classpath, "-d", out.toString(), "-proc:none"), null, List.of(file)).call();
            return ok ? "" : (errors.toString().isEmpty() ? "failed" : errors.toString());
        } finally {
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
