package org.ganomaly.fiji.core.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float tensors as bytes: magic "GNMT", version, count, then per tensor its name (modified UTF-8),
 * length and big-endian float32 values. Engine- and device-independent.
 */
final class TensorCodec {

	private static final int MAGIC = 0x474E4D54; // "GNMT"
	private static final int VERSION = 1;

	private TensorCodec() {}

	static void write(Map<String, float[]> tensors, OutputStream out) throws IOException {
		DataOutputStream data = new DataOutputStream(out);
		data.writeInt(MAGIC);
		data.writeInt(VERSION);
		data.writeInt(tensors.size());
		byte[] bytes = new byte[0];
		for (Map.Entry<String, float[]> e : tensors.entrySet()) {
			data.writeUTF(e.getKey());
			float[] v = e.getValue();
			data.writeInt(v.length);
			if (bytes.length < v.length * 4) bytes = new byte[v.length * 4];
			java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().put(v);
			data.write(bytes, 0, v.length * 4);
		}
		data.flush();
	}

	static Map<String, float[]> read(InputStream in) throws IOException {
		DataInputStream data = new DataInputStream(in);
		if (data.readInt() != MAGIC) throw new IOException("tensor data has the wrong signature");
		int version = data.readInt();
		if (version != VERSION) throw new IOException("tensor data has unknown version " + version);
		int count = data.readInt();
		Map<String, float[]> out = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			String name = data.readUTF();
			int length = data.readInt();
			if (length < 0 || length > 1 << 28)
				throw new IOException("tensor " + name + " claims " + length + " values");
			byte[] bytes = new byte[length * 4];
			data.readFully(bytes);
			float[] v = new float[length];
			java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(v);
			out.put(name, v);
		}
		return out;
	}
}
