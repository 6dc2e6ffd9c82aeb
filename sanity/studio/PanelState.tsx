import { Card, Flex, Spinner, Text } from '@sanity/ui'

/** What a Studio panel shows while its data loads, or when it could not be loaded. */
export function PanelLoading() {
  return (
    <Card padding={5}>
      <Flex justify="center">
        <Spinner />
      </Flex>
    </Card>
  )
}

export function PanelError({ message, testId }: { message: string; testId?: string }) {
  return (
    <Card padding={4} tone="critical" data-testid={testId}>
      <Text>{message}</Text>
    </Card>
  )
}
