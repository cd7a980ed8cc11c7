public class SmokeTest { @org.junit.Test public void t() throws Exception {
  ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
  System.out.println(ai.djl.engine.Engine.getInstance().getEngineName() + " " + ai.djl.engine.Engine.getInstance().getVersion() + " " + m.ones(new ai.djl.ndarray.types.Shape(2,2)).sum());
}}
