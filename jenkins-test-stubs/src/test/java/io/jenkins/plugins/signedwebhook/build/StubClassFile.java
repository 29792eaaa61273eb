package io.jenkins.plugins.signedwebhook.build;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of a class-file reader to see each method's bytecode: reflection cannot run the concrete
 * methods of abstract classes, whose constructors throw too.
 */
final class StubClassFile {
    static final int ACC_BRIDGE = 0x0040;
    static final int ACC_NATIVE = 0x0100;
    static final int ACC_ABSTRACT = 0x0400;
    static final int ACC_SYNTHETIC = 0x1000;
    static final int ACC_ENUM = 0x4000;

    private static final int OP_NEW = 0xbb;
    private static final int OP_DUP = 0x59;
    private static final int OP_LDC = 0x12;
    private static final int OP_LDC_W = 0x13;
    private static final int OP_INVOKESPECIAL = 0xb7;
    private static final int OP_ATHROW = 0xbf;
    private static final int OP_ALOAD_0 = 0x2a;
    private static final int OP_RETURN = 0xb1;

    /** One method as declared in the class file; {@code code} is null when it has no body. */
    record Method(String name, String descriptor, int access, byte[] code) {
    }

    private final Map<Integer, String> utf8 = new HashMap<>();
    private final Map<Integer, Integer> classNames = new HashMap<>();
    private final Map<Integer, Integer> strings = new HashMap<>();
    private final List<Method> methods = new ArrayList<>();
    private int access;

    private StubClassFile() {
    }

    static StubClassFile read(Path classFile) throws IOException {
        StubClassFile file = new StubClassFile();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(classFile)))) {
            file.parse(in);
        }
        return file;
    }

    boolean isEnum() {
        return (access & ACC_ENUM) != 0;
    }

    List<Method> methods() {
        return methods;
    }

    /**
     * Whether the code is that of the constructor javac adds to a class that declares none: call the
     * superclass' no-argument constructor and return. A stub keeps it exactly where the real class has it.
     */
    static boolean isImplicitConstructor(Method method) {
        byte[] code = method.code();
        return method.name().equals("<init>") && method.descriptor().equals("()V") && code.length == 5
                && u1(code, 0) == OP_ALOAD_0 && u1(code, 1) == OP_INVOKESPECIAL && u1(code, 4) == OP_RETURN;
    }

    /**
     * Whether the code ends with exactly {@code throw new UnsupportedOperationException("stub")}; when
     * {@code whole}, nothing may come before it (a constructor first calls its superclass constructor).
     */
    boolean throwsStub(byte[] code, boolean whole) {
        for (int ldcLength : new int[] {2, 3}) {
            int length = 3 + 1 + ldcLength + 3 + 1;
            if (code.length < length || (whole && code.length != length)) {
                continue;
            }
            byte[] tail = Arrays.copyOfRange(code, code.length - length, code.length);
            int ldc = 4;
            boolean shape = u1(tail, 0) == OP_NEW
                    && u1(tail, 3) == OP_DUP
                    && u1(tail, ldc) == (ldcLength == 2 ? OP_LDC : OP_LDC_W)
                    && u1(tail, ldc + ldcLength) == OP_INVOKESPECIAL
                    && u1(tail, length - 1) == OP_ATHROW;
            if (!shape) {
                continue;
            }
            int stringIndex = ldcLength == 2 ? u1(tail, ldc + 1) : u2(tail, ldc + 1);
            String thrown = utf8.get(classNames.get(u2(tail, 1)));
            String message = utf8.get(strings.get(stringIndex));
            if ("java/lang/UnsupportedOperationException".equals(thrown) && "stub".equals(message)) {
                return true;
            }
        }
        return false;
    }

    private void parse(DataInputStream in) throws IOException {
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int constants = in.readUnsignedShort();
        for (int index = 1; index < constants; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(index, in.readUTF());
                case 7 -> classNames.put(index, in.readUnsignedShort());
                case 8 -> strings.put(index, in.readUnsignedShort());
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    index++;
                }
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 16, 19, 20 -> in.readUnsignedShort();
                default -> throw new IOException("Unknown constant pool tag " + tag);
            }
        }
        access = in.readUnsignedShort();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int interfaces = in.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            in.readUnsignedShort();
        }
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            in.readUnsignedShort();
            in.readUnsignedShort();
            in.readUnsignedShort();
            skipAttributes(in);
        }
        int methodCount = in.readUnsignedShort();
        for (int i = 0; i < methodCount; i++) {
            int methodAccess = in.readUnsignedShort();
            String name = utf8.get(in.readUnsignedShort());
            String descriptor = utf8.get(in.readUnsignedShort());
            byte[] code = null;
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8.get(in.readUnsignedShort());
                byte[] body = in.readNBytes(in.readInt());
                if (attribute.equals("Code")) {
                    int codeLength = (u2(body, 4) << 16) | u2(body, 6);
                    code = Arrays.copyOfRange(body, 8, 8 + codeLength);
                }
            }
            methods.add(new Method(name, descriptor, methodAccess, code));
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt());
        }
    }

    private static int u1(byte[] bytes, int at) {
        return bytes[at] & 0xff;
    }

    private static int u2(byte[] bytes, int at) {
        return (u1(bytes, at) << 8) | u1(bytes, at + 1);
    }
}
