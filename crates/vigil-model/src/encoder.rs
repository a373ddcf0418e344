//! The BERT encoder of multilingual-e5-small, straightforward f32 version: every weight
//! dequantised once at load, plain loops. It is the reference the fast kernels are tested
//! against, and the fallback when they are not available.

use crate::error::Result;
use crate::format::{Config, ModelFile, Q4_BLOCK, Q4_BLOCK_BYTES};
use crate::quant;

/// A dense layer `y = W x + b`, `W` row-major `[out, in]`.
pub struct Linear {
    pub w: Vec<f32>,
    pub b: Vec<f32>,
    pub out: usize,
    pub inp: usize,
}

impl Linear {
    fn load(file: &ModelFile, prefix: &str, out: usize, inp: usize) -> Result<Linear> {
        let blocks = file.q4_tensor(&format!("{prefix}.w"), out, inp)?;
        Ok(Linear {
            w: quant::dequantize(blocks, out, inp),
            b: file.f32_tensor(&format!("{prefix}.b"), out)?,
            out,
            inp,
        })
    }

    /// `y[r] = W x[r] + b` for every row `r` of `x` (`rows × inp` → `rows × out`).
    fn forward(&self, x: &[f32], rows: usize, y: &mut Vec<f32>) {
        y.clear();
        y.resize(rows * self.out, 0.0);
        for (xr, yr) in x
            .chunks_exact(self.inp)
            .zip(y.chunks_exact_mut(self.out))
            .take(rows)
        {
            for ((yo, wo), bo) in yr
                .iter_mut()
                .zip(self.w.chunks_exact(self.inp))
                .zip(&self.b)
            {
                *yo = dot(xr, wo) + bo;
            }
        }
    }
}

/// Dot product with 16 independent partial sums, so it vectorises without fast-math.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 16];
    let (ac, ar) = (a.chunks_exact(16), a.chunks_exact(16).remainder());
    let (bc, br) = (b.chunks_exact(16), b.chunks_exact(16).remainder());
    for (x, y) in ac.zip(bc) {
        for i in 0..16 {
            acc[i] += x[i] * y[i];
        }
    }
    let tail: f32 = ar.iter().zip(br).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f32>() + tail
}

/// Layer norm parameters.
pub struct Norm {
    pub w: Vec<f32>,
    pub b: Vec<f32>,
}

impl Norm {
    pub fn load(file: &ModelFile, prefix: &str, n: usize) -> Result<Norm> {
        Ok(Norm {
            w: file.f32_tensor(&format!("{prefix}.w"), n)?,
            b: file.f32_tensor(&format!("{prefix}.b"), n)?,
        })
    }

    /// Normalises `x` in place, row by row.
    pub fn apply(&self, x: &mut [f32], eps: f32) {
        let n = self.w.len();
        for row in x.chunks_exact_mut(n) {
            let mean = row.iter().map(|&v| f64::from(v)).sum::<f64>() / n as f64;
            let var = row
                .iter()
                .map(|&v| (f64::from(v) - mean).powi(2))
                .sum::<f64>()
                / n as f64;
            let inv = 1.0 / (var + f64::from(eps)).sqrt();
            for ((v, w), b) in row.iter_mut().zip(&self.w).zip(&self.b) {
                *v = ((f64::from(*v) - mean) * inv) as f32 * w + b;
            }
        }
    }
}

/// One transformer layer.
pub struct Layer {
    pub q: Linear,
    pub k: Linear,
    pub v: Linear,
    pub attn_out: Linear,
    pub attn_norm: Norm,
    pub ffn_in: Linear,
    pub ffn_out: Linear,
    pub out_norm: Norm,
}

/// Input embeddings: word (left quantised in the file and decoded a row at a time, since
/// dequantised they would take 384 MB), position, token type 0, then a layer norm.
pub struct Embeddings {
    pub config: Config,
    pub positions: Vec<f32>,
    pub token_type: Vec<f32>,
    pub norm: Norm,
}

impl Embeddings {
    pub fn load(file: &ModelFile) -> Result<Embeddings> {
        let c = file.config;
        let h = c.hidden;
        // Checked here so the per-token lookup can slice without surprises.
        file.q4_tensor("emb.word", c.vocab_rows, h)?;
        let token_type = file.f32_tensor("emb.type", c.type_vocab * h)?;
        Ok(Embeddings {
            config: c,
            positions: file.f32_tensor("emb.pos", c.max_positions * h)?,
            token_type: token_type[..h].to_vec(),
            norm: Norm::load(file, "emb.ln", h)?,
        })
    }

    /// Embeddings of one window, appended to `x` (`ids.len() × hidden` values).
    pub fn embed(&self, file: &ModelFile, ids: &[u32], x: &mut Vec<f32>) {
        let c = &self.config;
        let h = c.hidden;
        let row_bytes = h / Q4_BLOCK * Q4_BLOCK_BYTES;
        let word = file.q4_tensor("emb.word", c.vocab_rows, h).unwrap_or(&[]);
        let start = x.len();
        x.resize(start + ids.len() * h, 0.0);
        let rows = &mut x[start..];
        for (pos, (&id, row)) in ids.iter().zip(rows.chunks_exact_mut(h)).enumerate() {
            let at = id as usize * row_bytes;
            if let Some(blocks) = word.get(at..at + row_bytes) {
                quant::dequantize_row(blocks, row);
            }
            let p = &self.positions[pos.min(c.max_positions - 1) * h..][..h];
            for ((v, p), t) in row.iter_mut().zip(p).zip(&self.token_type) {
                *v += p + t;
            }
        }
        self.norm.apply(rows, c.layer_norm_eps);
    }
}

/// The transformer layers with every weight dequantised to f32 (85 MB; loaded only when the
/// reference path is asked for).
pub struct Weights {
    pub config: Config,
    pub layers: Vec<Layer>,
}

impl Weights {
    pub fn load(file: &ModelFile) -> Result<Weights> {
        let c = file.config;
        let (h, f) = (c.hidden, c.ffn);
        let mut layers = Vec::with_capacity(c.layers);
        for l in 0..c.layers {
            let p = |s: &str| format!("l{l}.{s}");
            layers.push(Layer {
                q: Linear::load(file, &p("q"), h, h)?,
                k: Linear::load(file, &p("k"), h, h)?,
                v: Linear::load(file, &p("v"), h, h)?,
                attn_out: Linear::load(file, &p("ao"), h, h)?,
                attn_norm: Norm::load(file, &p("aln"), h)?,
                ffn_in: Linear::load(file, &p("fi"), f, h)?,
                ffn_out: Linear::load(file, &p("fo"), h, f)?,
                out_norm: Norm::load(file, &p("oln"), h)?,
            });
        }
        Ok(Weights { config: c, layers })
    }
}

fn gelu(x: f32) -> f32 {
    let x = f64::from(x);
    (0.5 * x * (1.0 + libm::erf(x / std::f64::consts::SQRT_2))) as f32
}

/// Runs the encoder over one window (`<s> … </s>`, at most `max_positions` ids) and returns
/// the mean of its final hidden states, specials included.
pub fn forward_window(file: &ModelFile, emb: &Embeddings, w: &Weights, ids: &[u32]) -> Vec<f32> {
    let h = w.config.hidden;
    let x = forward_window_rows(file, emb, w, ids, w.layers.len());
    let mut mean = vec![0f32; h];
    for row in x.chunks_exact(h) {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += v;
        }
    }
    for m in &mut mean {
        *m /= ids.len() as f32;
    }
    mean
}

/// Hidden state of every token of one window after the first `depth` layers (all of them:
/// the final states), row after row.
pub fn forward_window_rows(
    file: &ModelFile,
    emb: &Embeddings,
    w: &Weights,
    ids: &[u32],
    depth: usize,
) -> Vec<f32> {
    let c = &w.config;
    let (h, n) = (c.hidden, ids.len());
    let heads = c.heads;
    let dh = h / heads;
    let scale = 1.0 / (dh as f32).sqrt();
    let mut x = Vec::new();
    emb.embed(file, ids, &mut x);
    let (mut q, mut k, mut v) = (Vec::new(), Vec::new(), Vec::new());
    let (mut ctx, mut tmp, mut ff) = (vec![0f32; n * h], Vec::new(), Vec::new());
    let mut scores = vec![0f32; n];
    for layer in w.layers.iter().take(depth) {
        layer.q.forward(&x, n, &mut q);
        layer.k.forward(&x, n, &mut k);
        layer.v.forward(&x, n, &mut v);
        for hd in 0..heads {
            let off = hd * dh;
            for i in 0..n {
                let qi = &q[i * h + off..][..dh];
                let mut max = f32::NEG_INFINITY;
                for (j, s) in scores.iter_mut().enumerate() {
                    *s = dot(qi, &k[j * h + off..][..dh]) * scale;
                    max = max.max(*s);
                }
                let mut sum = 0f32;
                for s in scores.iter_mut() {
                    *s = (*s - max).exp();
                    sum += *s;
                }
                let out = &mut ctx[i * h + off..][..dh];
                out.fill(0.0);
                for (j, s) in scores.iter().enumerate() {
                    let p = s / sum;
                    for (o, vv) in out.iter_mut().zip(&v[j * h + off..][..dh]) {
                        *o += p * vv;
                    }
                }
            }
        }
        layer.attn_out.forward(&ctx, n, &mut tmp);
        for (xv, t) in x.iter_mut().zip(&tmp) {
            *xv += t;
        }
        layer.attn_norm.apply(&mut x, c.layer_norm_eps);
        layer.ffn_in.forward(&x, n, &mut ff);
        for f in ff.iter_mut() {
            *f = gelu(*f);
        }
        layer.ffn_out.forward(&ff, n, &mut tmp);
        for (xv, t) in x.iter_mut().zip(&tmp) {
            *xv += t;
        }
        layer.out_norm.apply(&mut x, c.layer_norm_eps);
    }
    x
}
