#!/usr/bin/env bash
# The Quick start's separation: a plain signal-processing split made with ffmpeg filters. NOT a model:
# it cannot pull a voice out of a mix the way Demucs does; it gives a fresh machine playable stems so the
# whole path (upload, worker, stems, player) works. Use a real separator for real use (docs/worker.md, "Running a
# worker"; STEMVAULT_SEPARATE).
#   bash scripts/separate-ffmpeg.sh INPUT OUTPUT_DIR      (the worker's --separate: ... {input} {output_dir})
# The method: mid/side decomposition of the stereo signal (mid = (L+R)/2 holds what is panned to the
# centre: voice, kick, snare, bass; side = (L-R)/2 what is panned away from it), then band filters on the
# mid signal by the instruments' typical ranges:
#   bass   = mid, low-pass 150 Hz                  (bass guitar and kick fundamentals)
#   vocals = mid, band-pass 150 Hz - 5 kHz         (the range of the singing voice and its formants)
#   drums  = mid, high-pass 6 kHz, 24 dB/octave   (cymbals, hi-hats, the crack of the snare)
#   other  = side                                  (what the mix puts left or right: guitars, keys, room)
# A mono input counts as a centred stereo one (its side, and so "other", is silence).
set -euo pipefail
in="${1:?usage: separate-ffmpeg.sh INPUT OUTPUT_DIR}"
out="${2:?usage: separate-ffmpeg.sh INPUT OUTPUT_DIR}"
mkdir -p "$out"
exec "${FFMPEG:-ffmpeg}" -nostdin -hide_banner -loglevel error -y -i "$in" -filter_complex "\
[0:a:0]aformat=sample_fmts=fltp:channel_layouts=stereo,asplit=2[lr1][lr2];\
[lr1]pan=mono|c0=0.5*c0+0.5*c1,asplit=3[m1][m2][m3];\
[lr2]pan=mono|c0=0.5*c0-0.5*c1[other];\
[m1]lowpass=f=150:poles=2[bass];\
[m2]highpass=f=150:poles=2,lowpass=f=5000:poles=2[vocals];\
[m3]highpass=f=6000:poles=2,highpass=f=6000:poles=2[drums]" \
  -map '[vocals]' "$out/vocals.wav" -map '[drums]' "$out/drums.wav" \
  -map '[bass]' "$out/bass.wav" -map '[other]' "$out/other.wav"
