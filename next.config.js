/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own directory so they never clobber a developer's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  images: {
    // Sanity's image CDN resizes by URL parameters, so Next does not need to optimise images.
    loader: 'custom',
    loaderFile: './lib/image-loader.ts',
  },
  // The local services (services/) are separate processes; keep them out of the app's type and trace scope.
  outputFileTracingExcludes: { '*': ['services/**', '.data/**'] },
}

export default nextConfig
