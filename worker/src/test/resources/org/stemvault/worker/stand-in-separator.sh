#!/bin/sh
# TEST FIXTURE - NOT A SEPARATION MODEL. It stands in for Demucs and its kind in Stemvault's tests so
# that the worker can be run end to end without a GPU or model weights. It writes four files that
# are named like stems and are not stems: "vocals" is the input unchanged (its loudness is known),
# "drums" the input above 2 kHz, "bass" the input below 200 Hz, and "other" digital silence.
#   stand-in-separator.sh INPUT OUTPUT_DIR
set -eu
in="$1"
out="$2"
echo "stand-in separator (test fixture): $in -> $out" >&2
ffmpeg -hide_banner -loglevel error -nostdin -y -i "$in" \
  -filter_complex "[0:a]asplit=4[v][d][b][o];[d]highpass=f=2000[dd];[b]lowpass=f=200[bb];[o]volume=0[oo]" \
  -map "[v]" "$out/vocals.wav" -map "[dd]" "$out/drums.wav" -map "[bb]" "$out/bass.wav" -map "[oo]" "$out/other.wav"
