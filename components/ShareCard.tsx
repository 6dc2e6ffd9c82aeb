/** The 1200×630 card social networks show for a link: drawn by next/og with its bundled font. */
export const SHARE_CARD_SIZE = { width: 1200, height: 630 }

export function ShareCard({
  eyebrow,
  title,
  subtitle,
}: {
  eyebrow: string
  title: string
  subtitle?: string | null
}) {
  return (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 72,
        background: '#1f2a44',
        color: '#faf6ee',
      }}
    >
      <div
        style={{ display: 'flex', alignItems: 'center', gap: 16, fontSize: 32, color: '#b8b5e0' }}
      >
        <div
          style={{
            width: 40,
            height: 40,
            borderRadius: 20,
            background: '#f4ecd8',
            boxShadow: '12px -6px 0 0 #1f2a44 inset',
          }}
        />
        Restwell · {eyebrow}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 24 }}>
        <div style={{ fontSize: 68, lineHeight: 1.1 }}>{title}</div>
        {subtitle && (
          <div style={{ fontSize: 32, color: '#e8dcc8', lineHeight: 1.35 }}>
            {subtitle.slice(0, 140)}
          </div>
        )}
      </div>
    </div>
  )
}
