"""Domain data -> PDF bytes. Pure functions; never imports Qt or storage (DESIGN.md sections 4 and 5).

    render_labels(labels, layout, *, dpi=203, start_position=1, language="en") -> bytes
    render_label_files(...) -> Iterator[bytes]          # long runs in files of about 1,000 labels
    render_slips(slips, *, language="en") -> bytes
    render_command_sheet(language="en", *, dpi=300) -> bytes
    render_letter_labels(letters, layout="a4-21", *, dpi=203, start_position=1, language="en") -> bytes
    render_manifest(data, language="en", *, dpi=300) -> bytes
    manifest_hash(codes) -> str, manifest_qr_payload(data) -> str

Import the functions from their modules (printing.labels, printing.manifest, ...): importing this package
loads nothing else.
"""
